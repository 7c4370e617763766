// Interop check with Confluent's official JavaScript Schema Registry client and kafkajs, run by ConfluentJsInteropIT.
// Input (arguments): --bootstrap HOST:PORT --registry URL --schemas DIR --topic TOPIC --produce-key KEY --expect-key KEY
//   [--timeout-ms N]. It registers the topic's value schema (built from the .avsc files with every named type inlined, as the
//   JS client needs a self-contained schema), produces one ElectricityTimeSeries under --produce-key, then consumes the topic
//   until the record under --expect-key (produced by the Java side) arrives and decodes it.
// Output: JSON lines on stdout: {"registered":{subject,id}}, {"produced":{key,value}}, {"consumed":{key,value}}; errors on
//   stderr and exit code 1.
'use strict';

const fs = require('fs');
const path = require('path');
const { Kafka, logLevel } = require('kafkajs');
const {
  SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType, SubjectNameStrategyType,
} = require('@confluentinc/schemaregistry');

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      throw new Error(`bad argument ${argv[i]}: use --name value pairs`);
    }
    out[argv[i].slice(2)] = argv[i + 1];
  }
  for (const required of ['bootstrap', 'registry', 'schemas', 'topic', 'produce-key', 'expect-key']) {
    if (!out[required]) throw new Error(`missing --${required}`);
  }
  return out;
}

/** Reads every .avsc of the directory, by full name. */
function loadSchemas(dir) {
  const byName = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.avsc'))) {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    byName.set(`${schema.namespace}.${schema.name}`, schema);
  }
  return byName;
}

/** Replaces references to named types by their definitions, the first time each is used (as Avro requires). */
function inline(schema, namespace, byName, defined) {
  if (typeof schema === 'string') {
    if (PRIMITIVES.has(schema)) return schema;
    const fullName = schema.includes('.') ? schema : `${namespace}.${schema}`;
    if (defined.has(fullName)) return fullName;
    const definition = byName.get(fullName);
    if (!definition) throw new Error(`unknown named type ${fullName}`);
    return inline(definition, namespace, byName, defined);
  }
  if (Array.isArray(schema)) return schema.map((s) => inline(s, namespace, byName, defined));
  const copy = { ...schema };
  const ns = schema.namespace || namespace;
  if (['record', 'enum', 'fixed'].includes(schema.type)) {
    defined.add(`${ns}.${schema.name}`);
  }
  if (schema.type === 'record') {
    copy.fields = schema.fields.map((f) => ({ ...f, type: inline(f.type, ns, byName, defined) }));
  } else if (schema.type === 'array') {
    copy.items = inline(schema.items, ns, byName, defined);
  } else if (schema.type === 'map') {
    copy.values = inline(schema.values, ns, byName, defined);
  }
  return copy;
}

function electricityTimeSeries(key) {
  return {
    meteringPointId: key,
    utilityId: 'js-utility',
    periodStart: Date.parse('2026-03-01T00:00:00Z'),
    resolution: 'PT15M',
    points: [
      { quantityWh: 250, quality: 'MEASURED' },
      { quantityWh: 260, quality: 'ESTIMATED' },
      { quantityWh: null, quality: 'MISSING' },
    ],
    sentAt: Date.parse('2026-03-01T01:00:00Z'),
  };
}

function print(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main() {
  const opts = args(process.argv.slice(2));
  const timeoutMs = Number(opts['timeout-ms'] || 60000);
  const schema = inline('dk.klimaflow.avro.ElectricityTimeSeries', 'dk.klimaflow.avro', loadSchemas(opts.schemas), new Set());
  const registry = new SchemaRegistryClient({ baseURLs: [opts.registry] });
  const subject = `${opts.topic}-value`;
  const id = await registry.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(schema) });
  print({ registered: { subject, id } });

  const serdeConf = { subjectNameStrategyType: SubjectNameStrategyType.TOPIC };
  const serializer = new AvroSerializer(registry, SerdeType.VALUE, { ...serdeConf, useSchemaId: id });
  const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, serdeConf);
  const kafka = new Kafka({
    clientId: 'klimaflow-js-interop',
    brokers: [opts.bootstrap],
    logLevel: logLevel.ERROR,
    logCreator: () => ({ namespace, log }) => process.stderr.write(`kafkajs ${namespace}: ${log.message}\n`),
  });

  const producer = kafka.producer();
  await producer.connect();
  const value = electricityTimeSeries(opts['produce-key']);
  await producer.send({
    topic: opts.topic,
    acks: -1,
    messages: [{ key: opts['produce-key'], value: await serializer.serialize(opts.topic, value) }],
  });
  await producer.disconnect();
  print({ produced: { key: opts['produce-key'], value } });

  const consumer = kafka.consumer({ groupId: `klimaflow-js-interop-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: opts.topic, fromBeginning: true });
  const found = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no record with key ${opts['expect-key']} within ${timeoutMs} ms`)), timeoutMs);
    consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key && message.key.toString() === opts['expect-key']) {
          clearTimeout(timer);
          resolve(await deserializer.deserialize(opts.topic, message.value));
        }
      },
    }).catch(reject);
  });
  print({ consumed: { key: opts['expect-key'], value: found } });
  await consumer.disconnect();
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`interop failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
