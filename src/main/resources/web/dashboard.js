// klimaflow dashboard: loads windows from the query API, then applies every aggregate update pushed over /api/stream (SSE).
// Each update is the full running total of one window, so applying it is "replace by key": no client-side arithmetic drifts.
(function () {
  'use strict';

  const TZ = 'Europe/Copenhagen';
  // GPC sub-sectors: full name (chart legend), short name (tables), colour
  const SECTORS = {
    'I.1': ['Residential buildings', 'Residential', '#46c2a5'],
    'I.2': ['Commercial & institutional', 'Commercial', '#5b8def'],
    'I.3': ['Manufacturing & construction', 'Manufacturing', '#f2c14e'],
    'I.4': ['Energy industries', 'Energy industries', '#f2765a'],
    'I.5': ['Agriculture, forestry & fishing', 'Agriculture', '#8bc34a'],
    'I.6': ['Non-specified', 'Non-specified', '#9aa7ad'],
    'II.1': ['On-road transport (EV charging)', 'EV charging', '#b07ce8'],
    'II.2': ['Rail', 'Rail', '#e88cc1'],
    'II.3': ['Waterborne', 'Waterborne', '#4fc3f7'],
    'II.4': ['Aviation', 'Aviation', '#ffab91'],
    'II.5': ['Off-road', 'Off-road', '#c5e1a5']
  };
  const EDITIONS = ['NONE', 'FORECAST', 'ACTUAL', 'DECLARATION'];
  const GRAN_LABEL = { hour: 'last 48 hours', day: 'last 31 days', month: 'last 12 months', year: 'last 6 years' };
  const nf = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
  const nf1 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const nf2 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

  const params = new URLSearchParams(location.search);
  const state = {
    municipality: params.get('municipality') || '0187',
    granularity: params.get('granularity') || 'day',
    carrier: params.get('carrier') || 'both',
    fromMs: 0,
    chart: new Map(), today: new Map(), year: new Map(),
    todayDate: '', yearStr: '',
    updates: 0, health: null, healthAt: 0, dk: null, config: null, error: null
  };
  const charts = {};
  window.klimaflow = { state: state, charts: charts };

  const $ = (id) => document.getElementById(id);

  // ---------- formatting ----------
  function co2(grams) {
    if (grams == null) return '–';
    const g = Math.abs(grams);
    if (g >= 1e6) return (g >= 1e8 ? nf.format(grams / 1e6) : nf2.format(grams / 1e6)) + ' t';
    if (g >= 1e3) return nf1.format(grams / 1e3) + ' kg';
    return nf.format(grams) + ' g';
  }
  function energy(wh) {
    if (wh == null) return '–';
    const a = Math.abs(wh);
    if (a >= 1e9) return nf2.format(wh / 1e9) + ' GWh';
    if (a >= 1e6) return nf1.format(wh / 1e6) + ' MWh';
    if (a >= 1e3) return nf1.format(wh / 1e3) + ' kWh';
    return nf.format(wh) + ' Wh';
  }
  function pct(part, whole) { return whole > 0 ? (100 * part / whole) : 0; }
  function ago(seconds) {
    if (seconds == null) return 'no update yet';
    if (seconds < 1.5) return 'just now';
    if (seconds < 90) return Math.round(seconds) + ' s ago';
    if (seconds < 5400) return Math.round(seconds / 60) + ' min ago';
    return Math.round(seconds / 3600) + ' h ago';
  }
  function sector(code) {
    const base = SECTORS[code] || SECTORS[code.split('.').slice(0, 2).join('.')];
    return base ? { name: base[0], short: base[1], color: base[2] } : { name: code, short: code, color: '#78909c' };
  }
  function windowLabel(iso) {
    // windowStart carries the Copenhagen offset, so its text is local time
    const y = iso.slice(0, 4), m = +iso.slice(5, 7), d = +iso.slice(8, 10), hh = iso.slice(11, 16);
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
    switch (state.granularity) {
      case 'hour': return d + ' ' + mon + ' ' + hh;
      case 'day': return d + ' ' + mon;
      case 'month': return mon + ' ' + y;
      default: return y;
    }
  }
  function flash(el, text) {
    if (el.textContent !== text) {
      el.textContent = text;
      el.classList.add('flash');
      setTimeout(() => el.classList.remove('flash'), 700);
    }
  }

  // ---------- time ranges (Copenhagen calendar) ----------
  function cphDate(d) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  }
  function addDays(date, n) {
    const d = new Date(date + 'T12:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  function addMonths(date, n) {
    const y = +date.slice(0, 4), m = +date.slice(5, 7) - 1 + n;
    const d = new Date(Date.UTC(y, m, 1, 12));
    return d.toISOString().slice(0, 10);
  }
  function rangeFor(g) {
    const now = new Date(), today = cphDate(now), y = +today.slice(0, 4);
    switch (g) {
      case 'hour': return { from: new Date(now.getTime() - 47 * 3600e3).toISOString(), to: new Date(now.getTime() + 3600e3).toISOString() };
      case 'day': return { from: addDays(today, -30), to: addDays(today, 1) };
      case 'month': return { from: addMonths(today, -11), to: addMonths(today, 1) };
      default: return { from: (y - 5) + '-01-01', to: (y + 1) + '-01-01' };
    }
  }

  // ---------- data ----------
  async function api(path, query) {
    const url = path + (query ? '?' + new URLSearchParams(query) : '');
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.message || (res.status + ' on ' + path));
    return body;
  }
  const keyOf = (w) => w.granularity + '|' + w.gpcSector + '|' + w.carrier + '|' + w.windowStart;
  function put(map, w) {
    const k = keyOf(w), old = map.get(k);
    if (!old || old.revision <= w.revision) map.set(k, w);
  }
  const shown = (w) => state.carrier === 'both' || w.carrier === state.carrier;

  async function loadChart() {
    const r = rangeFor(state.granularity);
    const a = await api('/api/emissions', { municipality: state.municipality, granularity: state.granularity, from: r.from, to: r.to });
    state.fromMs = Date.parse(a.from);
    state.chart = new Map();
    a.windows.forEach((w) => put(state.chart, w));
  }
  async function loadTodayAndYear() {
    const today = cphDate(new Date()), y = today.slice(0, 4);
    const [d, yr] = await Promise.all([
      api('/api/emissions', { municipality: state.municipality, granularity: 'day', from: today, to: addDays(today, 1) }),
      api('/api/emissions', { municipality: state.municipality, granularity: 'year', from: y + '-01-01', to: (+y + 1) + '-01-01' })]);
    state.todayDate = today; state.yearStr = y;
    state.today = new Map(); d.windows.forEach((w) => put(state.today, w));
    state.year = new Map(); yr.windows.forEach((w) => put(state.year, w));
  }
  async function loadDk() { state.dk = await api('/api/dk2020', { municipality: state.municipality }); }
  async function loadCounters() {
    try { const c = await api('/api/counters'); state.health = Object.assign({}, state.health || {}, { counters: c }); } catch (e) { /* shown by health events */ }
  }

  async function reload(all) {
    try {
      const jobs = [loadChart()];
      if (all) jobs.push(loadTodayAndYear(), loadDk(), loadCounters());
      await Promise.all(jobs);
      state.error = null;
    } catch (e) {
      state.error = e.message;
    }
    render();
  }

  function apply(windows) {
    let n = 0;
    for (const w of windows) {
      if (w.municipalityCode !== state.municipality) continue;
      n++;
      if (w.granularity === state.granularity && Date.parse(w.windowStart) >= state.fromMs) put(state.chart, w);
      if (w.granularity === 'day' && w.windowStart.slice(0, 10) === state.todayDate) put(state.today, w);
      if (w.granularity === 'year' && w.windowStart.slice(0, 4) === state.yearStr) put(state.year, w);
    }
    state.updates += n;
    if (n) scheduleRender();
  }

  function connect() {
    const es = new EventSource('/api/stream?municipality=' + encodeURIComponent(state.municipality));
    es.onopen = () => { $('live').classList.add('on'); $('live-text').textContent = 'live'; };
    es.onerror = () => { $('live').classList.remove('on'); $('live-text').textContent = 'reconnecting'; };
    es.addEventListener('emissions', (e) => apply(JSON.parse(e.data)));
    es.addEventListener('health', (e) => {
      const h = JSON.parse(e.data);
      if (!h.counters && state.health) h.counters = state.health.counters;
      state.health = h; state.healthAt = Date.now();
      renderHealth();
    });
  }

  // ---------- rendering ----------
  let renderTimer = null;
  function scheduleRender() {
    if (!renderTimer) renderTimer = setTimeout(() => { renderTimer = null; render(); }, 300);
  }
  function render() {
    renderChart(); renderTable(); renderMuni(); renderCompleteness(); renderKpis(); renderDk(); renderHealth();
    document.body.dataset.updates = String(state.updates);
  }

  function setupCharts() {
    Chart.defaults.color = '#8aa0a6';
    Chart.defaults.borderColor = 'rgba(37,54,62,0.9)';
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    const fontSize = () => Math.round(parseFloat(getComputedStyle(document.body).fontSize) * 0.8);
    Chart.defaults.font.size = fontSize();
    // the page's font grows with the screen (wall displays): let the charts' text follow
    window.addEventListener('resize', () => {
      if (Chart.defaults.font.size !== fontSize()) {
        Chart.defaults.font.size = fontSize();
        Object.values(charts).forEach((c) => c.update('none'));
      }
    });
    charts.sectors = new Chart($('chart-sectors'), {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: { duration: 300 },
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'kg CO2e' } }
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12, padding: 14 } },
          tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + co2(c.raw * charts.sectors.$unit) } }
        }
      }
    });
    charts.muni = new Chart($('chart-muni'), {
      type: 'doughnut',
      data: { labels: ['Municipal operations', 'Everyone else'], datasets: [{ data: [0, 0], backgroundColor: ['#46c2a5', '#2c3f47'], borderWidth: 0 }] },
      options: {
        responsive: true, maintainAspectRatio: false, cutout: '68%', animation: { duration: 300 },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => c.label + ': ' + co2(c.raw) } } }
      }
    });
    charts.dk = new Chart($('chart-dk2020'), {
      type: 'line',
      data: { datasets: [] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: { duration: 300 },
        scales: {
          x: { type: 'linear', min: 1990, max: 2050, ticks: { stepSize: 10, callback: (v) => String(v) } },
          y: { beginAtZero: true, title: { display: true, text: 't CO2e / year' } }
        },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } }, tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + nf.format(c.parsed.y) + ' t' } } }
      }
    });
  }

  function renderChart() {
    const ws = [...state.chart.values()].filter(shown);
    const starts = [...new Set(ws.map((w) => w.windowStart))].sort((a, b) => Date.parse(a) - Date.parse(b));
    const codes = [...new Set(ws.map((w) => w.gpcSector))].sort();
    const index = new Map(starts.map((s, i) => [s, i]));
    const sums = new Map(codes.map((c) => [c, new Array(starts.length).fill(0)]));
    let max = 0;
    const stack = new Array(starts.length).fill(0);
    for (const w of ws) { sums.get(w.gpcSector)[index.get(w.windowStart)] += w.co2eGrams; stack[index.get(w.windowStart)] += w.co2eGrams; }
    stack.forEach((v) => { max = Math.max(max, v); });
    const unit = max >= 2e6 ? 1e6 : 1e3;
    const c = charts.sectors;
    c.$unit = unit;
    c.options.scales.y.title.text = (unit === 1e6 ? 't' : 'kg') + ' CO2e';
    // an hour that ended less than an hour ago may still be filling: meters and head-end systems report after the hour
    const arriving = new Set(state.granularity === 'hour'
      ? ws.filter((w) => Date.parse(w.windowEnd) > Date.now() - 3600e3).map((w) => w.windowStart) : []);
    c.data.labels = starts.map((st) => windowLabel(st) + (arriving.has(st) ? ' (arriving)' : ''));
    const old = new Map(c.data.datasets.map((d) => [d.$code, d]));
    c.data.datasets = codes.map((code) => {
      const s = sector(code), d = old.get(code) || { $code: code, borderRadius: 3, borderSkipped: false, maxBarThickness: 90 };
      d.label = code + ' ' + s.name; d.backgroundColor = s.color; d.data = sums.get(code).map((g) => g / unit);
      return d;
    });
    c.update();
    $('sectors-empty').hidden = ws.length > 0;
    $('range-label').textContent = GRAN_LABEL[state.granularity] + ' · ' + carrierText() + (state.error ? ' · ' + state.error : '');
  }
  function carrierText() {
    return state.carrier === 'both' ? 'electricity + district heating' : state.carrier === 'ELECTRICITY' ? 'electricity' : 'district heating';
  }

  function bySector(map) {
    const out = new Map();
    for (const w of map.values()) {
      if (!shown(w)) continue;
      const s = out.get(w.gpcSector) || { grams: 0, wh: 0, opGrams: 0 };
      s.grams += w.co2eGrams; s.wh += w.energyWh; s.opGrams += w.municipalOperationCo2eGrams;
      out.set(w.gpcSector, s);
    }
    return out;
  }
  function total(m, f) { let t = 0; m.forEach((v) => { t += v[f]; }); return t; }

  function renderTable() {
    const today = bySector(state.today), year = bySector(state.year);
    const codes = [...new Set([...today.keys(), ...year.keys()])].sort();
    const ytdTotal = total(year, 'grams');
    const rows = codes.map((code) => {
      const s = sector(code), t = today.get(code), y = year.get(code);
      const share = pct(y ? y.grams : 0, ytdTotal);
      return '<tr><td class="sector" title="' + code + ' ' + s.name + '"><span class="swatch" style="background:' + s.color + '"></span><span class="code">' + code + '</span>' + s.short + '</td>'
        + '<td class="num">' + co2(t ? t.grams : 0) + '</td><td class="num">' + co2(y ? y.grams : 0) + '</td>'
        + '<td><div class="bar" style="width:' + share.toFixed(1) + '%;background:' + s.color + '"></div></td></tr>';
    });
    rows.push('<tr class="total"><td><b>All sectors</b></td><td class="num"><b>' + co2(total(today, 'grams')) + '</b></td><td class="num"><b>'
      + co2(ytdTotal) + '</b></td><td></td></tr>');
    $('sector-table').tBodies[0].innerHTML = codes.length ? rows.join('') : '<tr><td colspan="4" class="empty">No data for today or this year yet.</td></tr>';
  }

  function renderMuni() {
    const year = bySector(state.year), all = total(year, 'grams'), op = total(year, 'opGrams');
    const d = charts.muni.data.datasets[0];
    d.data = [op, Math.max(0, all - op)];
    charts.muni.update();
    $('muni-center').innerHTML = '<b>' + nf1.format(pct(op, all)) + '%</b><span>' + co2(op) + '</span>';
  }

  function renderCompleteness() {
    let wh = 0, measured = 0, estimated = 0, pending = 0, missing = 0;
    const editions = {};
    for (const w of state.chart.values()) {
      if (!shown(w)) continue;
      wh += w.energyWh; measured += w.measuredWh; estimated += w.estimatedWh; pending += w.pendingFactorWh; missing += w.missingIntervals;
      const e = w.worstEdition || 'NONE';
      editions[e] = (editions[e] || 0) + 1;
    }
    const q = measured + estimated;
    const bars = (id, a, b) => { const m = $(id).children; m[0].style.width = a.toFixed(2) + '%'; m[1].style.width = b.toFixed(2) + '%'; };
    bars('m-quality', pct(measured, q), pct(estimated, q));
    bars('m-factor', pct(wh - pending, wh), pct(pending, wh));
    $('q-measured').textContent = energy(measured) + ' (' + nf1.format(pct(measured, q)) + '%)';
    $('q-estimated').textContent = energy(estimated) + ' (' + nf1.format(pct(estimated, q)) + '%)';
    $('f-with').textContent = energy(wh - pending);
    $('f-pending').textContent = energy(pending);
    $('missing').textContent = nf.format(missing);
    $('editions').innerHTML = EDITIONS.filter((e) => editions[e]).map((e) =>
      '<span class="chip ' + e + '">' + (e === 'NONE' ? 'no factor yet' : e.toLowerCase()) + ' · ' + editions[e] + '</span>').join('')
      || '<span class="muted">none yet</span>';
    $('completeness-scope').textContent = state.granularity + ' windows · ' + GRAN_LABEL[state.granularity];
  }

  function renderKpis() {
    const today = bySector(state.today), year = bySector(state.year);
    flash($('kpi-today'), co2(total(today, 'grams')));
    $('kpi-today-energy').textContent = energy(total(today, 'wh')) + ' · ' + carrierText();
    flash($('kpi-ytd'), co2(total(year, 'grams')));
    $('kpi-ytd-energy').textContent = energy(total(year, 'wh')) + ' in ' + (state.yearStr || '');
    const all = total(year, 'grams'), op = total(year, 'opGrams');
    flash($('kpi-muni'), nf1.format(pct(op, all)) + ' %');
    $('kpi-muni-abs').textContent = co2(op) + ' of ' + co2(all);
    $('kpi-updates').textContent = nf.format(state.updates) + ' live updates';
  }

  function renderFreshness() {
    const h = state.health;
    let s = null;
    if (h && h.secondsSinceUpdate != null) s = h.secondsSinceUpdate + (Date.now() - state.healthAt) / 1000;
    $('kpi-fresh').textContent = ago(s);
  }

  function renderHealth() {
    renderFreshness();
    const h = state.health;
    if (!h) return;
    $('streams-state').textContent = 'streams ' + (h.streamsState || '?').toLowerCase();
    $('foot-instance').textContent = 'instance ' + (h.instance || '');
    $('h-lag').textContent = nf.format(h.consumerLag || 0);
    const c = h.counters;
    if (!c) { if (h.countersError) $('h-invariant').textContent = h.countersError; return; }
    flash($('h-in'), nf.format(c.in));
    flash($('h-accepted'), nf.format(c.accepted));
    flash($('h-parked'), nf.format(c.parked));
    flash($('h-rejected'), nf.format(c.rejectedTotal));
    $('h-restatements').textContent = nf.format(c.restatements);
    $('h-instances').textContent = nf.format(c.instances);
    const inv = $('h-invariant');
    inv.className = 'invariant ' + (c.balanced ? 'ok' : 'off');
    inv.textContent = 'in ' + nf.format(c.in) + ' = accepted ' + nf.format(c.accepted) + ' + rejected ' + nf.format(c.rejectedTotal)
      + ' + parked ' + nf.format(c.parked) + (c.balanced ? '' : ' (records in flight)');
    $('h-reasons').innerHTML = Object.entries(c.rejected).map(([r, n]) =>
      '<li class="' + (n ? '' : 'zero') + '"><span>' + r.toLowerCase().replace(/_/g, ' ') + '</span><b>' + nf.format(n) + '</b></li>').join('');
  }

  function renderDk() {
    const dk = state.dk;
    if (!dk) return;
    let ytdGrams = 0;
    for (const w of state.year.values()) ytdGrams += w.co2eGrams;
    const ytd = Math.max(dk.ytdTonnes, ytdGrams / 1e6);
    const projected = dk.yearElapsed >= 0.01 ? ytd / dk.yearElapsed : null;
    $('dk-year').textContent = String(dk.year) + ' · ' + nf.format(dk.yearElapsed * 100) + '% of the year gone';
    $('dk-ytd').textContent = nf2.format(ytd) + ' t';
    $('dk-path').textContent = dk.configured ? nf.format(dk.pathToDateTonnes) + ' t' : 'no baseline';
    $('dk-proj').textContent = projected == null ? '–' : nf2.format(projected) + ' t';
    $('dk-base').textContent = dk.configured ? nf.format(dk.baseline1990Tonnes) + ' t · ' + nf.format(dk.target2030Tonnes) + ' t' : 'not configured';
    $('dk-note').textContent = dk.note;
    charts.dk.data.datasets = [
      { label: 'DK2020 path', data: dk.path.map((p) => ({ x: p.year, y: p.tonnes })), borderColor: '#5b8def', backgroundColor: 'rgba(91,141,239,0.12)', fill: true, pointRadius: 4, tension: 0 },
      { label: 'Path ' + dk.year, data: [{ x: dk.year, y: dk.pathTonnes }], borderColor: '#f2c14e', backgroundColor: '#f2c14e', pointRadius: 6, showLine: false },
      { label: 'Projected ' + dk.year + ' (received sectors)', data: projected == null ? [] : [{ x: dk.year, y: projected }], borderColor: '#46c2a5', backgroundColor: '#46c2a5', pointRadius: 7, pointStyle: 'rectRot', showLine: false }
    ];
    charts.dk.update();
  }

  // ---------- controls ----------
  function setupControls() {
    const seg = (id, key, onChange) => {
      const el = $(id);
      const mark = () => [...el.children].forEach((b) => b.classList.toggle('on', b.dataset.v === state[key]));
      el.addEventListener('click', (e) => {
        const v = e.target.dataset && e.target.dataset.v;
        if (!v || v === state[key]) return;
        state[key] = v; mark(); remember(); onChange();
      });
      mark();
    };
    seg('granularity', 'granularity', () => reload(false));
    seg('carrier', 'carrier', render);
  }
  // the annual GPC report (GET /api/report, the same as `klimaflow report`) for the chosen year and format
  function setupReport() {
    const year = new Date().getFullYear(), sel = $('report-year');
    for (let y = year; y > year - 5; y--) sel.add(new Option(String(y), String(y)));
    const update = () => {
      $('report-link').href = '/api/report?' + new URLSearchParams({ municipality: state.municipality, year: sel.value, format: $('report-format').value });
    };
    sel.addEventListener('change', update);
    $('report-format').addEventListener('change', update);
    update();
  }
  function remember() {
    const p = new URLSearchParams({ municipality: state.municipality, granularity: state.granularity, carrier: state.carrier });
    history.replaceState(null, '', '?' + p);
  }

  async function start() {
    try { state.config = await api('/api/config'); } catch (e) { state.config = {}; }
    const names = (state.config && state.config.municipalities) || {};
    $('place').textContent = '· ' + (names[state.municipality] || 'municipality') + ' ' + state.municipality;
    document.title = 'klimaflow · ' + (names[state.municipality] || state.municipality);
    setupCharts();
    setupControls();
    setupReport();
    connect();
    await reload(true);
    document.body.dataset.ready = 'true';
    setInterval(renderFreshness, 1000);
    setInterval(() => {
      // re-anchor the ranges (a new hour, day or year) and re-read the DK2020 path
      if (cphDate(new Date()) !== state.todayDate || state.granularity === 'hour') reload(true); else loadDk().then(renderDk, () => {});
    }, 60000);
  }

  start();
})();
