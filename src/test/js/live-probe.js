// Live probe: an independent producer (Confluent's JavaScript Schema Registry client with kafkajs, not klimaflow's code)
// publishes readings into a running klimaflow and measures how long each takes to show in its hourly aggregate.
// Input (arguments, all optional): --bootstrap HOST:PORT (127.0.0.1:9092) --registry URL
//   (http://127.0.0.1:8081/apis/ccompat/v7) --municipality CODE (a random 9xxx: a code no simulated feed uses, so the expected
//   totals are exactly the probe's own; an earlier probe run with the same code would add to them) --sector I.2 --readings N (20) --every-ms MS (1000) --timeout-ms MS (30000).
// It uses the latest registered value schemas (it registers nothing), publishes one electricity metering point of its own in
// price area DK2, then N one-point PT15M readings for that point, one every --every-ms, each for the next earlier quarter hour
// of the last hours. After each send it reads emissions.sector.hourly (read_committed) until the aggregate of that reading's
// hour shows exactly the Wh the probe has sent for that hour.
// Then it sends --garbage N (10) records of random bytes to the electricity topic and reads energy.readings.rejected
// (read_committed) until each is there with reason MALFORMED.
// Output: one JSON line per reading {"reading":i,"hour":...,"expectedWh":...,"seconds":...}, then
// {"summary":{"readings":N,"p50Seconds":...,"maxSeconds":...}}, then {"garbage":{"records":N,"allRejectedMalformedSeconds":...}};
// exit code 1 if a reading or a garbage record is not seen as expected within --timeout-ms.
'use strict';

const { Kafka, logLevel } = require('kafkajs');
const {
  SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType, SubjectNameStrategyType,
} = require('@confluentinc/schemaregistry');

const QUARTER_MS = 15 * 60 * 1000;
const HOUR_MS = 4 * QUARTER_MS;

function options(argv) {
  const out = {
    bootstrap: '127.0.0.1:9092', registry: 'http://127.0.0.1:8081/apis/ccompat/v7', municipality: `9${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`, sector: 'I.2',
    readings: '20', 'every-ms': '1000', 'timeout-ms': '30000', garbage: '10',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined || !(name in out)) {
      throw new Error(`bad argument ${argv[i]}: use --name value with one of ${Object.keys(out).join(', ')}`);
    }
    out[name] = argv[i + 1];
  }
  return out;
}

/** An 18-digit GSRN: the 17-digit body and its GS1 mod-10 check digit (weights 3 and 1 from the right). */
function gsrn(body) {
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i -= 1, w = 4 - w) sum += Number(body[i]) * w;
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function print(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main() {
  const opts = options(process.argv.slice(2));
  const count = Number(opts.readings);
  const timeoutMs = Number(opts['timeout-ms']);
  const registry = new SchemaRegistryClient({ baseURLs: [opts.registry] });
  const serdeConf = { subjectNameStrategyType: SubjectNameStrategyType.TOPIC, useLatestVersion: true, autoRegisterSchemas: false };
  const serializer = new AvroSerializer(registry, SerdeType.VALUE, serdeConf);
  const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, { subjectNameStrategyType: SubjectNameStrategyType.TOPIC });
  const kafka = new Kafka({
    clientId: 'klimaflow-live-probe',
    brokers: [opts.bootstrap],
    logLevel: logLevel.ERROR,
    logCreator: () => ({ namespace, log }) => process.stderr.write(`kafkajs ${namespace}: ${log.message}\n`),
  });

  const pointId = gsrn(`57999999${String(Date.now()).slice(-9)}`);
  const utilityId = 'probe-utility';
  // per hour (windowStart, epoch ms): the Wh the probe has sent; the aggregate must show exactly this
  const sentPerHour = new Map();
  const seen = new Map(); // windowStart -> latest energyWh read from the topic
  const rejected = new Map(); // key of a dead-lettered record -> its reason code
  const consumer = kafka.consumer({ groupId: `klimaflow-live-probe-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: ['emissions.sector.hourly', 'energy.readings.rejected'], fromBeginning: false });
  let assigned;
  const assignedNow = new Promise((resolve) => { assigned = resolve; });
  consumer.on(consumer.events.GROUP_JOIN, () => assigned());
  consumer.run({
    eachMessage: async ({ topic, message }) => {
      if (!message.value) return;
      const value = await deserializer.deserialize(topic, message.value);
      if (topic === 'energy.readings.rejected') {
        rejected.set(message.key ? message.key.toString() : null, value.reasonCode);
        return;
      }
      if (value.municipalityCode === opts.municipality && value.gpcSector === opts.sector && value.carrier === 'ELECTRICITY') {
        seen.set(Number(value.windowStart), Number(value.energyWh));
      }
    },
  });
  await assignedNow;

  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const send = async (topic, key, value) => producer.send({
    topic, acks: -1, messages: [{ key, value: await serializer.serialize(topic, value) }],
  });
  await send('energy.metering-points', pointId, {
    id: pointId, carrier: 'ELECTRICITY', utilityId, municipalityCode: opts.municipality, gpcSector: opts.sector,
    municipalOperation: false, priceArea: 'DK2', supplyAreaId: null,
  });

  print({ meteringPoint: pointId, municipality: opts.municipality, sector: opts.sector });
  const latencies = [];
  const newestQuarter = Math.floor(Date.now() / QUARTER_MS) * QUARTER_MS - QUARTER_MS;
  for (let i = 0; i < count; i += 1) {
    const started = Date.now();
    const periodStart = newestQuarter - i * QUARTER_MS;
    const hour = Math.floor(periodStart / HOUR_MS) * HOUR_MS;
    const wh = 100 + Math.floor(Math.random() * 900);
    await send('energy.electricity.readings', pointId, {
      meteringPointId: pointId, utilityId, periodStart, resolution: 'PT15M',
      points: [{ quantityWh: wh, quality: 'MEASURED' }], sentAt: Date.now(),
    });
    const sentAt = Date.now();
    const expected = (sentPerHour.get(hour) || 0) + wh;
    sentPerHour.set(hour, expected);
    while (seen.get(hour) !== expected) {
      if (Date.now() - sentAt > timeoutMs) {
        throw new Error(`reading ${i} (${wh} Wh for ${new Date(periodStart).toISOString()}) is not in its hourly aggregate `
          + `after ${timeoutMs} ms: the aggregate shows ${seen.get(hour)} Wh, expected ${expected}`);
      }
      await new Promise((resolve) => { setTimeout(resolve, 10); }); // poll the consumer's view every 10 ms
    }
    const seconds = (Date.now() - sentAt) / 1000;
    latencies.push(seconds);
    print({ reading: i, hour: new Date(hour).toISOString(), expectedWh: expected, seconds });
    const wait = Number(opts['every-ms']) - (Date.now() - started);
    if (wait > 0) await new Promise((resolve) => { setTimeout(resolve, wait); }); // the probe's own send pace
  }
  latencies.sort((a, b) => a - b);
  print({ summary: { readings: count, p50Seconds: latencies[Math.floor((count - 1) / 2)], maxSeconds: latencies[count - 1] } });

  const garbage = Number(opts.garbage);
  const garbageKeys = [];
  for (let i = 0; i < garbage; i += 1) {
    const key = `${pointId}-garbage-${i}`;
    const bytes = Buffer.alloc(1 + Math.floor(Math.random() * 200));
    for (let b = 0; b < bytes.length; b += 1) bytes[b] = Math.floor(Math.random() * 256);
    garbageKeys.push(key);
    await producer.send({ topic: 'energy.electricity.readings', acks: -1, messages: [{ key, value: bytes }] });
  }
  const garbageSent = Date.now();
  while (garbageKeys.some((key) => rejected.get(key) !== 'MALFORMED')) {
    if (Date.now() - garbageSent > timeoutMs) {
      const missing = garbageKeys.filter((key) => rejected.get(key) !== 'MALFORMED');
      throw new Error(`${missing.length} of ${garbage} random-byte records are not dead-lettered as MALFORMED after ${timeoutMs} ms `
        + `(first: ${missing[0]}, seen as ${rejected.get(missing[0])})`);
    }
    await new Promise((resolve) => { setTimeout(resolve, 10); });
  }
  if (garbage > 0) print({ garbage: { records: garbage, allRejectedMalformedSeconds: (Date.now() - garbageSent) / 1000 } });
  await producer.disconnect();
  await consumer.disconnect();
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`live probe failed: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
