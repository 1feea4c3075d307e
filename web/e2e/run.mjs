#!/usr/bin/env node
// Real-browser tests of the parley web app (headless Chromium driven by playwright-core).
//
//   node web/e2e/run.mjs --parley build/parley --out build/web-e2e [--chromium /usr/bin/chromium] [--headed]
//
// Builds nothing: it expects web/dist (cd web && npm ci && npm run build). It loads a fresh demo database
// with scripts/demo.sh into OUT, starts `parley serve` on a free port with the web app, then walks the app
// as a person would: sign in, inbox, case, reply, resolve, metrics move, a webhook post appearing live,
// listening drill-down, and an inbox of 10,000 open cases. Every screen is saved as a PNG in OUT.
// Prints one line per check and a summary; exits 1 if any check failed (2 on a setup error).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '..');
const repo = path.resolve(webDir, '..');

function parseArgs(argv) {
  const a = { chromium: process.env.CHROMIUM || '/usr/bin/chromium', headed: false, big: 10000 };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--parley') a.parley = argv[++i];
    else if (k === '--out') a.out = argv[++i];
    else if (k === '--chromium') a.chromium = argv[++i];
    else if (k === '--headed') a.headed = true;
    else if (k === '--big') a.big = Number(argv[++i]);
    else if (k === '-h' || k === '--help') {
      console.log('usage: node web/e2e/run.mjs --parley PATH_TO_PARLEY --out DIR [--chromium PATH] [--big N]');
      process.exit(0);
    } else {
      console.error(`unknown argument ${k}`);
      process.exit(2);
    }
  }
  if (!a.parley || !a.out) {
    console.error('usage: node web/e2e/run.mjs --parley PATH_TO_PARLEY --out DIR');
    process.exit(2);
  }
  a.parley = path.resolve(a.parley);
  a.out = path.resolve(a.out);
  return a;
}

const args = parseArgs(process.argv);
const t0 = Date.now();
const results = [];
let currentStep = '';

function log(msg) {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  console.log(`[${s}s] ${msg}`);
}
function check(name, ok, detail = '') {
  results.push({ step: currentStep, name, ok: !!ok, detail });
  log(`  ${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}`);
  return !!ok;
}
function skip(name, why) {
  results.push({ step: currentStep, name, skipped: true, detail: why });
  log(`  SKIPPED: ${name} — ${why}`);
}
function fatal(msg) {
  console.error(`web e2e: ${msg}`);
  process.exit(2);
}

// ---- preconditions ----
const dist = path.join(webDir, 'dist');
if (!fs.existsSync(path.join(dist, 'index.html')))
  fatal(`${dist}/index.html is missing: build the web app first (cd web && npm ci && npm run build)`);
if (!fs.existsSync(args.parley)) fatal(`no parley binary at ${args.parley}`);
if (!fs.existsSync(args.chromium)) fatal(`no Chromium at ${args.chromium} (apt-get install chromium, or --chromium PATH)`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  fatal(`playwright-core is not installed: cd ${path.relative(process.cwd(), webDir) || '.'} && npm ci`);
}
fs.mkdirSync(args.out, { recursive: true });
for (const f of fs.readdirSync(args.out)) if (f.endsWith('.png')) fs.rmSync(path.join(args.out, f));

// ---- the server ----
const db = path.join(args.out, 'e2e-demo.db');
const portFile = path.join(args.out, 'port');
fs.rmSync(portFile, { force: true });
const serverLog = fs.openSync(path.join(args.out, 'server.log'), 'w');
log(`preparing the demo database ${db} and starting parley (log: ${path.join(args.out, 'server.log')})`);
const server = spawn('bash', [path.join(repo, 'scripts/demo.sh'), args.parley, db], {
  cwd: repo,
  env: { ...process.env, PARLEY_DEMO_LISTEN: '127.0.0.1:0', PARLEY_DEMO_PORT_FILE: portFile, PARLEY_WEB_ROOT: dist },
  stdio: ['ignore', serverLog, serverLog],
  detached: true,
});
let serverExited = false;
server.on('exit', () => (serverExited = true));
let browser = null;
function stopServer() {
  if (!serverExited) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
}
process.on('exit', stopServer);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(sig, () => {
    stopServer();
    process.exit(130);
  });

const deadline = Date.now() + 120000;
while (!(fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').trim())) {
  if (serverExited) fatal(`the demo script or server exited early; see ${path.join(args.out, 'server.log')}`);
  if (Date.now() > deadline) fatal('the server did not start within 120 s');
  await new Promise((r) => setTimeout(r, 200));
}
const port = Number(fs.readFileSync(portFile, 'utf8').trim());
const base = `http://127.0.0.1:${port}`;
log(`parley serves ${base}`);

// ---- API helpers (the test's own view of the truth) ----
async function apiCall(method, p, body, token) {
  const res = await fetch(base + '/api/v1' + p, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not json */
  }
  return { status: res.status, json, text };
}
const adminLogin = await apiCall('POST', '/auth/login', { user: 'admin', password: 'demo' });
if (adminLogin.status !== 200) fatal(`admin sign-in over the API failed: ${adminLogin.status} ${adminLogin.text}`);
const token = adminLogin.json.session;

const isoNow = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d+Z$/, 'Z');
const runId = Date.now().toString(36);

// ---- the browser ----
browser = await chromium.launch({
  executablePath: args.chromium,
  headless: !args.headed,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'].filter((a) => !(args.headed && a === '--headless')),
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
const page = await context.newPage();
const consoleErrors = [];
page.on('pageerror', (e) => consoleErrors.push(String(e)));
page.on('console', (m) => {
  if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) consoleErrors.push(m.text());
});
page.setDefaultTimeout(15000);

async function shot(name) {
  const file = path.join(args.out, `${name}.png`);
  await page.screenshot({ path: file });
  log(`  screenshot ${file}`);
}
async function step(name, fn) {
  currentStep = name;
  log(`STEP ${name}`);
  try {
    await fn();
  } catch (e) {
    check(`${name}: ran to the end`, false, String(e && e.message ? e.message.split('\n')[0] : e));
    try {
      await shot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    } catch {
      /* no page */
    }
  }
}
const num = (s) => Number(String(s).replace(/[^0-9.-]/g, ''));

let openedCaseId = null;
let metricsBefore = null;

try {
  await step('sign in', async () => {
    await page.goto(base + '/');
    await page.waitForURL(/\/login/);
    check('an anonymous visitor is sent to the sign-in page', page.url().includes('/login'), page.url());
    await page.getByLabel('User', { exact: true }).fill('admin');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const err = page.locator('.alert-error');
    await err.waitFor();
    check('a wrong password is refused with a message', (await err.textContent()).length > 0, await err.textContent());
    await shot('01-sign-in');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inbox/);
    const who = await page.getByTestId('signed-in-user').textContent();
    check('signed in as admin; the nav shows the user', who.includes('admin'), who.trim());
  });

  await step('inbox', async () => {
    await page.locator('.vlist .row[data-case-id]').first().waitFor();
    const rows = await page.locator('.vlist .row[data-case-id]').count();
    const api = await apiCall('GET', '/cases?limit=1&status=open,waiting', undefined, token);
    const totalText = await page.getByTestId('inbox-total').textContent();
    check('the demo inbox lists cases', rows > 5, `${rows} rows rendered`);
    check('the inbox total matches the API', num(totalText) === api.json.total, `${totalText} vs API ${api.json.total}`);
    const teams = await page.locator('[data-testid=team-queues] li').count();
    check('queues per team are shown', teams >= 3, `${teams} team queues`);
    const first = page.locator('.vlist .row[data-case-id]').first();
    const slaBefore = await first.locator('.sla-time').textContent();
    await page.waitForTimeout(2100);
    const slaAfter = await first.locator('.sla-time').textContent();
    check('the SLA countdown ticks', slaBefore !== slaAfter, `${slaBefore} → ${slaAfter}`);
    const states = await page.locator('.vlist .sla[data-sla]').evaluateAll((els) => els.map((e) => e.dataset.sla));
    const breachedRed = await page
      .locator('.vlist .sla[data-sla=breached]')
      .first()
      .evaluate((e) => getComputedStyle(e).color)
      .catch(() => null);
    check('breached SLAs are shown in red', breachedRed === null ? states.length > 0 : /rgb\(19[0-9], 4[0-9], 4[0-9]\)/.test(breachedRed), `${breachedRed} (${states.filter((s) => s === 'breached').length} breached on screen)`);
    // filters
    await page.getByLabel('Intent').selectOption('complaint');
    await page.waitForURL(/intent=complaint/);
    await page.waitForFunction(() => {
      const r = [...document.querySelectorAll('.vlist .row[data-case-id] .chip.intent-complaint')];
      const all = document.querySelectorAll('.vlist .row[data-case-id]');
      return all.length > 0 && r.length === all.length;
    });
    const apiC = await apiCall('GET', '/cases?limit=1&status=open,waiting&intent=complaint', undefined, token);
    const tC = await page.getByTestId('inbox-total').textContent();
    check('the intent filter shows only complaints, as many as the API has', num(tC) === apiC.json.total, `${tC} vs ${apiC.json.total}`);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForFunction(() => !location.search.includes('intent'));
    await page.locator('.vlist .row[data-case-id]').first().waitFor();
    // keyboard
    await page.locator('.vlist').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const selIdx = await page.locator('.vlist .row[data-case-id]').evaluateAll((els) =>
      els.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).findIndex((e) => e.getAttribute('aria-selected') === 'true'),
    );
    check('j/k move the selection (j j k → second row)', selIdx === 1, `selected row index ${selIdx}`);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    check('? shows the shortcut help', await help.isVisible());
    await shot('03-inbox-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await shot('02-inbox');
  });

  await step('metrics before', async () => {
    await page.getByRole('link', { name: 'Care metrics' }).click();
    await page.getByTestId('kpi-resolved').waitFor();
    await page.getByRole('button', { name: 'all', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=metrics-page]')?.dataset.loaded?.startsWith('all|'));
    metricsBefore = {
      resolved: num(await page.locator('[data-testid=kpi-resolved] .kpi-value').textContent()),
      staff: num(await page.getByTestId('staff-responses').textContent()),
      backlog: num(await page.locator('[data-testid=kpi-backlog] .kpi-value').textContent()),
    };
    const api = await apiCall('GET', '/metrics', undefined, token);
    check('the metrics page shows the API figures', metricsBefore.resolved === api.json.resolved && metricsBefore.backlog === api.json.backlog, JSON.stringify(metricsBefore));
  });

  await step('open a case', async () => {
    // a complaint in care-en with a customer post: open it from the inbox with the keyboard
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.locator('[data-queue="team:care-en"]').click();
    await page.waitForURL(/queue=team/);
    await page.getByLabel('Intent').selectOption('complaint');
    await page.waitForURL(/intent=complaint/);
    await page.waitForFunction(() => document.querySelectorAll('.vlist .row[data-case-id] .intent-complaint').length > 0 && [...document.querySelectorAll('.vlist .row[data-case-id] .team')].every((t) => t.textContent === 'care-en'));
    const first = page.locator('.vlist .row[data-case-id][aria-selected=true]');
    openedCaseId = Number(await first.getAttribute('data-case-id'));
    await page.locator('.vlist').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/cases/${openedCaseId}$`));
    await page.getByTestId('thread').locator('.post').first().waitFor();
    const posts = await page.getByTestId('thread').locator('.post').count();
    const api = await apiCall('GET', `/cases/${openedCaseId}`, undefined, token);
    check('Enter opens the selected case with its whole thread', posts === api.json.posts.length, `case #${openedCaseId}: ${posts} posts`);
    const chips = await page.locator('.post .chips .chip').count();
    check('each post shows its analysis chips', chips >= posts * 3, `${chips} chips`);
    const reason = await page.getByTestId('assign-reason').textContent();
    check('the case says why it is assigned where it is', reason.trim() === (api.json.case.assign_reason || '—'), reason);
    const reach = await page.getByTestId('reach').textContent();
    check("the author's reach is shown", /followers/.test(reach), reach);
    await shot('04-case');
  });

  await step('reply', async () => {
    const box = page.getByLabel('Reply text');
    // tone check: the endpoint may not exist on this server yet; then the panel must stay hidden
    const tone = await apiCall('POST', `/cases/${openedCaseId}/tone`, { text: 'We apologize for any inconvenience.' }, token);
    await box.fill('Thank you for contacting us. We apologize for any inconvenience this may have caused. Please DM us.');
    await page.waitForTimeout(1200);
    if (tone.status === 404) {
      check('no tone endpoint on this server: the tone panel stays hidden', (await page.getByTestId('tone').count()) === 0);
    } else {
      await page.getByTestId('tone').waitFor();
      const flags = await page.locator('[data-testid=tone] [data-code]').count();
      check('the tone check flags a canned reply', flags > 0, `${flags} flags`);
      await shot('05-tone-check');
    }
    const text = `Hi! Sorry about this, I have checked your line and a technician is booked for tomorrow morning (e2e ${runId}).`;
    await box.fill(text);
    await page.getByTestId('send').click();
    const mine = page.locator('.post-staff .post-text', { hasText: `e2e ${runId}` });
    await mine.waitFor();
    check('the reply appears in the thread as a staff post', await mine.isVisible());
    const api = await apiCall('GET', `/cases/${openedCaseId}`, undefined, token);
    check('the server recorded the reply as the first response', !!api.json.case.first_response_at || api.json.events.some((e) => e.type === 'response' || e.type === 'first_response'));
  });

  await step('resolve', async () => {
    await page.getByTestId('resolve').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=case-status]')?.textContent === 'resolved');
    const api = await apiCall('GET', `/cases/${openedCaseId}`, undefined, token);
    check('Resolve resolves the case (UI and server agree)', api.json.case.status === 'resolved', api.json.case.status);
    const hist = await page.getByTestId('history').textContent();
    check('the history shows the resolution', /Resolved/.test(hist));
    await shot('06-case-resolved');
  });

  await step('metrics move', async () => {
    await page.getByRole('link', { name: 'Care metrics' }).click();
    // the page keeps the range chosen before ('all'); its first load comes after the resolve
    await page.waitForFunction(() => document.querySelector('[data-testid=metrics-page]')?.dataset.loaded?.startsWith('all|'));
    const resolved = num(await page.locator('[data-testid=kpi-resolved] .kpi-value').textContent());
    const staff = num(await page.getByTestId('staff-responses').textContent());
    const backlog = num(await page.locator('[data-testid=kpi-backlog] .kpi-value').textContent());
    check('resolved went up by one after the resolve', resolved === metricsBefore.resolved + 1, `${metricsBefore.resolved} → ${resolved}`);
    check('staff answers went up by one after the reply', staff === metricsBefore.staff + 1, `${metricsBefore.staff} → ${staff}`);
    check('the backlog went down by one', backlog === metricsBefore.backlog - 1, `${metricsBefore.backlog} → ${backlog}`);
    await page.getByLabel('Group by').selectOption('assignee');
    await page.waitForFunction(() => document.querySelector('[data-testid=metrics-groups] thead th')?.textContent === 'Employee');
    const groups = await page.locator('[data-testid=metrics-groups] tbody tr').count();
    check('metrics per employee', groups >= 2, `${groups} rows`);
    await page.getByLabel('Group by').selectOption('team');
    await page.waitForTimeout(300);
    await shot('07-metrics');
  });

  await step('live inbox', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.locator('[data-queue="all"]').click();
    const clear = page.getByRole('button', { name: 'Clear filters' });
    if (await clear.count()) await clear.click();  // (waiting for a button that is not there costs 15 s)
    await page.waitForFunction(() => location.search === '' || location.search === '?');
    await page.locator('.vlist .row[data-case-id]').first().waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=live-status]')?.textContent === 'Live');
    await page.evaluate(() => (window.__noReload = 'still here'));
    const post = {
      source: 'x',
      id: `e2e-live-${runId}`,
      author: { handle: `e2e_customer_${runId}`, name: 'Erin Test', followers: 4321 },
      text: '@NorthwindCare my fiber internet has been down since this morning and nobody answers, this is unacceptable',
      created_at: isoNow(),
    };
    const r = await apiCall('POST', '/posts', post, token);
    const caseId = r.json && r.json.posts && r.json.posts[0] && r.json.posts[0].case_id;
    check('the webhook accepts the complaint and a rule opens a case', r.status === 200 && !!caseId, `HTTP ${r.status}, case ${caseId}`);
    const row = page.locator(`.vlist .row[data-case-id="${caseId}"]`);
    await row.waitFor({ timeout: 10000 });
    check('the new case appears in the open inbox without a reload', (await page.evaluate(() => window.__noReload)) === 'still here');
    const rowText = await row.textContent();
    check('the live row shows author, intent and snippet', rowText.includes('Erin Test') && /complaint/.test(rowText) && rowText.includes('fiber internet'), rowText.slice(0, 120));
    await shot('08-inbox-live');
  });

  await step('listening', async () => {
    const vol = await apiCall('GET', `/listening/volume?since=${Date.now() - 30 * 86400000}`, undefined, token);
    await page.getByRole('link', { name: 'Listening' }).click();
    await page.getByTestId('listening-page').waitFor();
    // The listening API is part of the product: its absence is a failure, not a skip.
    if (!check('the listening API answers', vol.status === 200, `GET /api/v1/listening/volume → ${vol.status}`)) return;
    const canvas = page.getByTestId('volume-chart').locator('.u-over');
    await canvas.waitFor();
    const nSpikes = Number(await page.getByTestId('volume-chart').getAttribute('data-spikes'));
    check('the volume chart is drawn, spikes marked', (await page.locator('[data-testid=volume-chart] canvas').count()) === 1, `${nSpikes} spikes`);
    // click the busiest bucket
    const volume = (await apiCall('GET', `/listening/volume?since=${Date.now() - 30 * 86400000}&until=${Date.now()}&bucket=auto&by=intent`, undefined, token)).json;
    let best = 0;
    volume.total.forEach((v, i) => (v > volume.total[best] ? (best = i) : 0));
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    const xs = volume.buckets;
    const frac = xs.length > 1 ? (xs[best] - xs[0]) / (xs[xs.length - 1] - xs[0]) : 0.5;
    await page.mouse.move(box.x + frac * box.width, box.y + box.height * 0.5);
    await page.mouse.click(box.x + frac * box.width, box.y + box.height * 0.5);
    const drill = page.getByTestId('drill-posts');
    await drill.waitFor();
    await drill.locator('.lpost, .alert, p.muted').first().waitFor();
    const n = await drill.locator('.lpost').count();
    check('clicking a chart point lists that bucket’s posts', n > 0, `${n} posts listed (bucket of ${volume.total[best]})`);
    await shot('09-listening');
    const ent = page.getByTestId('top-entities').locator('.ent-link').first();
    if (await ent.count()) {
      const name = await ent.textContent();
      await ent.click();
      await page.waitForFunction((nm) => document.querySelector('[data-testid=drill-posts] h2')?.textContent.includes(nm), name);
      await drill.locator('.lpost').first().waitFor();
      check('clicking a top entity lists its posts', (await drill.locator('.lpost').count()) > 0, name);
      await shot('10-listening-entity');
    } else check('top entities are listed', false, 'none');
    await page.getByLabel('Search posts').fill('fiber');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-results').locator('li').first().waitFor();
    check('full-text search lists posts', (await page.getByTestId('search-results').locator('li').count()) > 0);
  });

  await step('people', async () => {
    // My growth for a demo employee with evidence: the measured levels match the API, a drill-down lists cases
    const prof = (await apiCall('GET', '/people/s.wu/profile', undefined, token)).json;
    const measuredApi = prof.skills.filter((x) => x.status === 'measured');
    await page.getByRole('link', { name: 'My growth' }).click();
    await page.waitForURL(/\/growth$/);
    await page.getByTestId('growth-page').waitFor();
    await page.goto(base + '/growth/s.wu');
    await page.waitForFunction(() => document.querySelector('[data-testid=growth-page]')?.dataset.loaded === 's.wu');
    const sk = measuredApi.sort((a, b) => b.estimate.n - a.estimate.n)[0];
    const row = page.locator(`[data-testid=profile-skills] tr[data-skill="${sk.skill}"]`);
    const shown = (await row.getByTestId('measured').textContent()).trim();
    check('My growth shows a measured level, as the API has it', measuredApi.length > 0 && shown === sk.measured.toFixed(1), `${sk.skill}: ${shown} (API ${sk.measured.toFixed(2)}, ${measuredApi.length} measured)`);
    const nee = await page.locator('[data-testid=profile-skills] .nee').count();
    const neeApi = prof.skills.filter((x) => x.status !== 'measured').length;
    check('skills under the evidence threshold say "not enough evidence"', nee === neeApi, `${nee} shown, ${neeApi} in the API`);
    await row.getByRole('button', { name: `Cases behind ${sk.skill}` }).click();
    const drill = page.getByTestId('skill-cases');
    await drill.locator('tr[data-case-id]').first().waitFor();
    const nCases = await drill.locator('tr[data-case-id]').count();
    const href = await drill.locator('tr[data-case-id] a').first().getAttribute('href');
    check("a skill's drill-down lists the cases behind it, linked", nCases === sk.estimate.n && /^\/cases\/\d+$/.test(href), `${nCases} cases (n = ${sk.estimate.n}), first ${href}`);
    await page.evaluate(() => document.querySelector('.main').scrollTo(0, 0));
    await shot('12-growth');

    // Team skills: the matrix for care-en and its gaps or an explicit "no gaps"
    const team = 'care-en';
    const mApi = (await apiCall('GET', `/teams/${team}/skills`, undefined, token)).json;
    await page.getByRole('link', { name: 'Team skills' }).click();
    await page.getByLabel('Team').selectOption(team);
    await page.waitForFunction((t) => document.querySelector('[data-testid=team-skills-page]')?.dataset.loaded === t, team);
    const members = await page.locator('[data-testid=skills-matrix] tbody tr').count();
    const cols = await page.locator('[data-testid=skills-matrix] thead th.mskill').count();
    const measuredCells = await page.locator('[data-testid=skills-matrix] td[data-status=measured]').count();
    const measuredApiCells = mApi.members.reduce((n, m) => n + Object.values(m.cells).filter((c) => c.status === 'measured').length, 0);
    check('the team matrix has a row per member and a column per skill', members === mApi.members.length && cols === mApi.skills.length && members > 1, `${members} × ${cols}`);
    check('measured cells are shaded as measured', measuredCells === measuredApiCells && measuredCells > 0, `${measuredCells} measured cells (API ${measuredApiCells})`);
    const gApi = (await apiCall('GET', `/teams/${team}/gaps`, undefined, token)).json;
    const recs = await page.locator('[data-testid=recommendations] li[data-kind]').count();
    const noGaps = await page.getByTestId('no-gaps').count();
    const recText = recs ? await page.locator('[data-testid=recommendations] li[data-kind]').first().textContent() : '';
    check(
      'gaps: the recommendations (learn/mentor/hire) with their numbers, or an explicit "no gaps"',
      gApi.shortages.length ? recs === gApi.recommendations.length && recs > 0 && /\d/.test(recText) : noGaps === 1,
      gApi.shortages.length ? `${recs} recommendations: ${recText.slice(0, 90)}` : 'no gaps',
    );
    await shot('13-team-skills');
    // an analyst gets the aggregate matrix; an agent of no team a clear 403, not a broken page
    const an = (await apiCall('POST', '/auth/login', { user: 'n.patel', password: 'demo' })).json.session;
    const agg = await apiCall('GET', `/teams/${team}/skills`, undefined, an);
    check('analysts get the aggregate matrix from the API', agg.status === 200 && agg.json.view === 'aggregate', `${agg.status} ${agg.json && agg.json.view}`);

    // Hiring: gender-coded words and an exclusionary phrase flagged, skills listed
    await page.getByRole('link', { name: 'Hiring' }).click();
    await page.getByLabel('Job title').fill('Social Media Manager');
    await page
      .getByLabel('Job description')
      .fill(
        'We want a competitive, dominant self-starter to plan social media marketing campaigns, create content for Instagram and track key performance indicators with Hootsuite. Ability to work under pressure.\n\nYou must be a native English speaker.',
      );
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.getByTestId('jd-result').waitFor();
    const masc = await page.locator('[data-testid=jd-text] mark.jd-masculine').allTextContents();
    check('gender-coded words are highlighted', masc.some((w) => /competitive/i.test(w)) && masc.some((w) => /dominant/i.test(w)), masc.join(', '));
    const verdict = await page.getByTestId('jd-gender-verdict').textContent();
    check('the posting is called masculine-coded', verdict === 'masculine-coded', verdict);
    const excl = await page.locator('[data-testid=jd-text] mark.jd-excl').allTextContents();
    const exclList = await page.getByTestId('jd-exclusionary').textContent();
    check('the exclusionary phrase is highlighted and listed', excl.some((x) => /native English speaker/i.test(x)) && /native English speaker/i.test(exclList), excl.join(', '));
    const chips = await page.locator('[data-testid=jd-skills] .skill-chip').count();
    const hoot = await page.locator('[data-testid=jd-skills] .skill-chip[data-skill=hootsuite]').count();
    check('the skills asked are listed by type', chips >= 3 && hoot === 1, `${chips} skills`);
    const other = await page.locator('[data-testid=jd-other-skills] .chip').allTextContents();
    check('skills the taxonomy does not know are listed apart', other.some((x) => /work under pressure/i.test(x)), other.join(', '));
    const sugg = await page.locator('[data-testid=jd-suggestions] li').count();
    check('suggestions are given', sugg > 0, `${sugg} suggestions`);
    await shot('14-hiring');
  });

  await step('job description draft', async () => {
    // Hiring, "Draft from team gaps": the social team is short of skills in the demo; its draft names one,
    // every line shows where it came from, and "Analyse this draft" puts it through the check above.
    const team = 'social';
    const dApi = (await apiCall('GET', `/teams/${team}/jd-draft`, undefined, token)).json;
    await page.getByLabel('Team to draft for').selectOption(team);
    await page.getByRole('button', { name: 'Draft', exact: true }).click();
    await page.getByTestId('jd-draft').waitFor();
    const title = await page.getByTestId('jd-draft-title').textContent();
    const shown = (await page.getByTestId('jd-draft').textContent()).toLowerCase();
    const short = dApi.short_skills.map((s) => s.replace(/-/g, ' '));
    check('the draft appears with the title the API gives', title === dApi.title, title);
    check('the draft names a short skill of the team', short.length > 0 && short.some((s) => shown.includes(s.toLowerCase())), short.join(', '));
    const lines = await page.getByTestId('jd-draft-line').count();
    const withWhy = await page.locator('[data-testid=jd-draft-line]:has(.jd-why li)').count();
    check('every line of the draft shows its why', lines === dApi.lines.length && lines > 0 && withWhy === lines, `${withWhy} of ${lines} lines`);
    await page.getByTestId('jd-draft-card').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('[data-testid=jd-draft-card]').scrollIntoView({ block: 'start' }));
    await shot('15-jd-draft');
    await page.getByTestId('jd-draft-analyse').click();
    await page.waitForFunction((t) => document.querySelector('textarea[aria-label="Job description"]')?.value === t, dApi.text);
    await page.waitForFunction(() => document.querySelector('[data-testid=jd-gender-verdict]')?.textContent === 'neutral');
    const excl = await page.locator('[data-testid=jd-text] mark.jd-excl').count();
    check('"Analyse this draft" fills the check with the draft, which reads neutral', excl === 0, `${excl} exclusionary marks`);
  });

  await step('goals, peer feedback and recognition', async () => {
    // My growth for a demo employee: the goals and the feedback the API has, and a new goal set in the form
    const who = 'a.nakamura';
    const goalsApi = (await apiCall('GET', `/people/${who}/goals`, undefined, token)).json;
    const fbApi = (await apiCall('GET', `/people/${who}/feedback`, undefined, token)).json;
    await page.goto(base + `/growth/${who}`);
    await page.waitForFunction((h) => document.querySelector('[data-testid=growth-page]')?.dataset.loaded === h, who);
    await page.getByTestId('goal').first().waitFor();
    const shownGoals = await page.getByTestId('goal').count();
    check('My growth lists the goals the API has, with their status', shownGoals === goalsApi.goals.length && shownGoals > 0,
      `${shownGoals} goals (API ${goalsApi.goals.length}: ${goalsApi.goals.map((g) => g.progress.status).join(', ')})`);
    const counts = await page.getByTestId('feedback-counts').textContent();
    check('My growth shows the feedback received, as the API counts it', counts.includes(`${fbApi.kudos} kudos`) && fbApi.kudos > 0, counts);
    await page.getByRole('button', { name: '+ New goal' }).click();
    await page.getByLabel('Goal metric').selectOption('kudos_received');
    await page.getByLabel('Goal target').fill('2');
    await page.getByRole('button', { name: 'Set goal' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=goal]').length === n, goalsApi.goals.length + 1);
    const after = (await apiCall('GET', `/people/${who}/goals`, undefined, token)).json.goals;
    check('a goal set in the form is stored with its description', after.some((g) => g.description === '2 kudos from colleagues' && g.set_by === 'admin'),
      after.map((g) => g.description).join(' | '));
    await page.getByTestId('goals').scrollIntoViewIfNeeded();
    await shot('16-goals-feedback');

    // Kudos on a colleague's reply from the case view
    const rec = (await apiCall('GET', `/people/${who}/recognition`, undefined, token)).json;
    const caseId = rec.lines.find((l) => l.reason === 'resolved_well').case_ids[0];
    const detail = (await apiCall('GET', `/cases/${caseId}`, undefined, token)).json;
    const reply = detail.posts.find((p) => p.response && p.response.by_staff && p.response.responder !== 'admin');
    const fbBefore = (await apiCall('GET', `/cases/${caseId}/feedback`, undefined, token)).json.replies.find((r) => r.post_id === reply.id);
    await page.goto(base + `/cases/${caseId}`);
    const box = page.locator(`article[data-post-id="${reply.id}"] [data-testid=reply-feedback]`);
    await box.waitFor();
    await box.getByRole('button', { name: /Kudos for this reply/ }).click();
    await page.waitForFunction((id) => /Kudos given/.test(document.querySelector(`article[data-post-id="${id}"] [data-testid=reply-feedback]`)?.textContent || ''), reply.id);
    const fbAfter = (await apiCall('GET', `/cases/${caseId}/feedback`, undefined, token)).json.replies.find((r) => r.post_id === reply.id);
    check('kudos from the case view reach the reply’s author, once', fbAfter.kudos === (fbBefore ? fbBefore.kudos : 0) + 1 && fbAfter.kudos_from.includes('admin') && fbAfter.to === reply.response.responder,
      `${fbBefore ? fbBefore.kudos : 0} → ${fbAfter.kudos} kudos for ${fbAfter.to}`);
    check('the kudos button is spent after use', await box.getByRole('button', { name: /Kudos for this reply/ }).isDisabled());

    // Recognition: the leaderboard as the API ranks it
    const team = 'care-en';
    const board = (await apiCall('GET', `/teams/${team}/leaderboard`, undefined, token)).json;
    await page.getByRole('link', { name: 'Recognition' }).click();
    await page.getByLabel('Team').selectOption(team);
    await page.waitForFunction((t) => document.querySelector('[data-testid=recognition-page]')?.dataset.loaded === t, team);
    const rows = await page.locator('[data-testid=leaderboard] tbody tr').count();
    const firstHandle = await page.locator('[data-testid=leaderboard] tbody tr').first().getAttribute('data-handle');
    const firstPoints = num(await page.locator('[data-testid=leaderboard] tbody tr [data-testid=points]').first().textContent());
    check('the leaderboard ranks the team as the API does', rows === board.leaderboard.length && firstHandle === board.leaderboard[0].handle && firstPoints === board.leaderboard[0].points && firstPoints > 0,
      `${rows} rows, #1 ${firstHandle} with ${firstPoints} points`);
    const earned = await page.locator('[data-testid=leaderboard] .badge-earned').count();
    check('earned badges are shown on the board', earned > 0, `${earned} badges`);
    await shot('17-recognition');

    // Privacy over the API: a teammate cannot read someone's goals; an analyst sees the board without names
    const agent = (await apiCall('POST', '/auth/login', { user: 'm.brennan', password: 'demo' })).json.session;
    const g403 = await apiCall('GET', `/people/${who}/goals`, undefined, agent);
    const mateBoard = await apiCall('GET', `/teams/${team}/leaderboard`, undefined, agent);
    check("a teammate may not read a colleague's goals but sees the team's board", g403.status === 403 && mateBoard.status === 200 && mateBoard.json.view === 'members',
      `goals ${g403.status}, board ${mateBoard.status}`);
    const an = (await apiCall('POST', '/auth/login', { user: 'n.patel', password: 'demo' })).json.session;
    const aggBoard = await apiCall('GET', `/teams/${team}/leaderboard`, undefined, an);
    check('an analyst sees the leaderboard as aggregates naming nobody', aggBoard.status === 200 && aggBoard.json.view === 'aggregate' && !aggBoard.text.includes(who),
      `${aggBoard.status} ${aggBoard.json && aggBoard.json.view}`);
  });

  await step('10,000 open cases', async () => {
    const N = args.big;
    const t = Date.now();
    // texts the analyser reads as complaints, so that the demo rule 'Complaints and questions go to care'
    // opens a case for each
    const topics = [
      'I was charged twice on my bill this month',
      'the app keeps crashing at login, terrible',
      'still waiting for my refund after two weeks',
      'your support never answers, I want to cancel',
      'the N5 Phone battery dies in two hours, really disappointed',
    ];
    const before = (await apiCall('GET', '/cases?limit=1&status=open,waiting', undefined, token)).json.total;
    for (let b = 0; b < N / 1000; b++) {
      const posts = [];
      for (let i = 0; i < 1000; i++) {
        const k = b * 1000 + i;
        posts.push({
          source: 'x',
          id: `e2e-bulk-${runId}-${k}`,
          author: { handle: `bulk_${runId}_${k}`, name: `Bulk Customer ${k}` },
          text: `@NorthwindCare ${topics[k % topics.length]} (ref ${100000 + k})`,
          created_at: isoNow(-(N - k) * 1000),
        });
      }
      const r = await apiCall('POST', '/posts', { posts }, token);
      if (r.status !== 200 || r.json.accepted !== 1000) throw new Error(`batch ${b}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    }
    const took = ((Date.now() - t) / 1000).toFixed(1);
    const api = await apiCall('GET', '/cases?limit=1&status=open,waiting', undefined, token);
    check(`${N.toLocaleString()} complaints through the webhook in batches of 1,000 open ${N.toLocaleString()} cases`, api.json.total - before === N, `${before} → ${api.json.total} open cases, ${took} s`);
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.goto(base + '/inbox');
    await page.locator('.vlist .row[data-case-id]').first().waitFor();
    const total = num(await page.getByTestId('inbox-total').textContent());
    check('the inbox counts them all', total === api.json.total, `${total} vs API ${api.json.total}`);
    const list = page.getByTestId('case-list');
    const seen = new Set();
    let maxRows = 0;
    const frames = [];
    for (let i = 0; i < 40; i++) {
      const info = await list.evaluate(async (el) => {
        const t1 = performance.now();
        el.scrollTop += 1400;
        el.dispatchEvent(new Event('scroll'));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const rows = el.querySelectorAll('.row[data-case-id]');
        return { ms: performance.now() - t1, rows: rows.length, ids: [...rows].map((r) => r.dataset.caseId), top: el.scrollTop, height: el.scrollHeight };
      });
      frames.push(info.ms);
      maxRows = Math.max(maxRows, info.rows);
      info.ids.forEach((x) => seen.add(x));
      if (i % 8 === 7) await page.waitForTimeout(250); // let pages arrive
    }
    const scrolled = await list.evaluate((el) => el.scrollTop);
    frames.sort((a, b) => a - b);
    const p90 = frames[Math.floor(frames.length * 0.9)];
    check('the inbox scrolls deep into the list', scrolled > 30000 && seen.size > 400, `scrollTop ${scrolled}px, ${seen.size} distinct cases rendered along the way`);
    check('the DOM holds a bounded number of rows (virtual list)', maxRows > 0 && maxRows <= 60, `at most ${maxRows} rows in the DOM`);
    check('scrolling stays smooth', p90 < 100, `p90 ${p90.toFixed(1)} ms per scroll step (two frames)`);
    await shot('11-inbox-10k');
  });

  check('no JavaScript errors in the page', consoleErrors.length === 0, consoleErrors.slice(0, 3).join(' | '));
} finally {
  if (browser) await browser.close().catch(() => {});
  stopServer();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.filter((r) => !r.ok && !r.skipped);
const skipped = results.filter((r) => r.skipped).length;
console.log('\n== web e2e summary');
let last = '';
for (const r of results) {
  if (r.step !== last) {
    console.log(`  ${r.step}`);
    last = r.step;
  }
  console.log(`    ${r.skipped ? 'SKIP' : r.ok ? 'pass' : 'FAIL'}  ${r.name}${!r.ok && r.detail ? ` — ${r.detail}` : ''}`);
}
console.log(`\n${passed} checks passed${failed.length ? `, ${failed.length} FAILED` : ''}${skipped ? `, ${skipped} skipped` : ''} in ${((Date.now() - t0) / 1000).toFixed(0)} s; screenshots in ${args.out}`);
console.log(`web-e2e: ${passed} passed, ${failed.length} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed.length ? 1 : 0);
