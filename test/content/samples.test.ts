// Every code sample in content/*.md must be true: TypeScript samples type-check on their own and
// run against real Redis; Python samples run against the emulator's RESP server and real Redis.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';

const root = join(import.meta.dirname, '..', '..');
const contentDir = join(root, 'content');
const workDir = join(root, '.tmp', 'content-samples');
const python = '/usr/bin/python3';

interface Sample {
  file: string; // e.g. 04-invalidation.md
  line: number; // 1-based line of the opening fence
  lang: 'ts' | 'python';
  flags: string[];
  code: string;
}

/** Fenced blocks of one markdown text, with the line of each opening fence. */
function fencedBlocks(text: string): { line: number; info: string; body: string }[] {
  const lines = text.split('\n');
  const blocks: { line: number; info: string; body: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1] ?? '```';
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[j] ?? '');
      if (close && close[1]?.[0] === fence[0] && (close[1]?.length ?? 0) >= fence.length) break;
      body.push(lines[j] ?? '');
    }
    blocks.push({ line: i + 1, info: (open[2] ?? '').trim(), body: body.join('\n') });
    i = j;
  }
  return blocks;
}

function collectSamples(): Sample[] {
  const files = existsSync(contentDir) ? readdirSync(contentDir).filter((f) => /^\d\d-.*\.md$/.test(f)).sort() : [];
  return files.flatMap((file) =>
    fencedBlocks(readFileSync(join(contentDir, file), 'utf8')).flatMap((block) => {
      const [word = '', ...flags] = block.info.split(/\s+/);
      const lang = word === 'ts' || word === 'typescript' ? 'ts' : word === 'python' || word === 'py' ? 'python' : null;
      return lang ? [{ file, line: block.line, lang, flags, code: block.body + '\n' }] : [];
    }),
  );
}

const samples = collectSamples();
const tsSamples = samples.filter((s) => s.lang === 'ts' && !s.flags.includes('fragment'));
const pySamples = samples.filter((s) => s.lang === 'python' && !s.flags.includes('fragment'));
const moduleName = (s: Sample) => `${s.file.replace(/\.md$/, '')}-L${s.line}`;

test('the lessons contain samples in both languages', () => {
  expect(tsSamples.length).toBeGreaterThan(0);
  expect(pySamples.length).toBeGreaterThan(0);
});

test('every TypeScript sample is directly followed by its Python twin, so they render as tabs', () => {
  const unpaired: string[] = [];
  for (const file of new Set(samples.map((s) => s.file))) {
    const lines = readFileSync(join(contentDir, file), 'utf8').split('\n');
    const inFile = samples.filter((s) => s.file === file);
    for (const ts of inFile.filter((s) => s.lang === 'ts')) {
      const closing = ts.line + ts.code.split('\n').length; // 1-based line of the closing fence
      const next = lines.slice(closing).findIndex((line) => line.trim() !== '');
      const twin = inFile.find((s) => s.lang === 'python' && s.line === closing + next + 1);
      if (!twin) unpaired.push(`${file}:${ts.line}`);
    }
    if (inFile.filter((s) => s.lang === 'ts').length !== inFile.filter((s) => s.lang === 'python').length) unpaired.push(`${file}: unequal counts`);
  }
  expect(unpaired).toEqual([]);
});

function writeTsSamples(dir: string): void {
  for (const s of tsSamples) {
    // A sample without import/export would be a script sharing globals with the others.
    const code = /^\s*(import|export)\s/m.test(s.code) ? s.code : `${s.code}export {};\n`;
    writeFileSync(join(dir, `${moduleName(s)}.ts`), code);
  }
}

describe('TypeScript samples type-check as standalone modules', () => {
  const diagnostics = new Map<string, string[]>();
  // Errors tsc could not pin on a sample (a broken config, a crash) must fail too.
  const unattributed: string[] = [];

  beforeAll(() => {
    const dir = join(workDir, 'ts');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeTsSamples(dir);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'ESNext',
          moduleResolution: 'bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          isolatedModules: true,
          types: ['node'],
        },
        include: ['*.ts'],
      }),
    );
    const result = spawnSync(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '--pretty', 'false', '-p', join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
      const m = /([\w.-]+)\.ts\((\d+),(\d+)\): (error .*)$/.exec(line);
      if (!m) {
        if (/error/i.test(line)) unattributed.push(line);
        continue;
      }
      const list = diagnostics.get(m[1] ?? '') ?? [];
      list.push(`sample line ${m[2]}: ${m[4]}`);
      diagnostics.set(m[1] ?? '', list);
    }
    if (result.status !== 0 && diagnostics.size === 0) unattributed.push(`tsc exited with ${result.status}`);
  }, 120_000);

  test('tsc reports no error outside the samples', () => {
    expect(unattributed).toEqual([]);
  });

  test.each(tsSamples.map((s) => [`${s.file} block at line ${s.line}`, s] as const))('%s', (_name, s) => {
    expect(diagnostics.get(moduleName(s)) ?? []).toEqual([]);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a process in its own group and resolves once its output says it is ready. */
async function startServer(command: string, args: string[], readyPattern: RegExp): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not become ready:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output}`));
    });
  });
  return child;
}

function stopServer(child: ChildProcess | undefined) {
  // The group id is the child's pid (detached), so only what this test started is signalled.
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runSample(command: string, file: string, redisUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, [file], { cwd: root, env: { ...process.env, REDIS_URL: redisUrl, PYTHONUNBUFFERED: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function writePythonSamples(target: string): Map<Sample, string> {
  const dir = join(workDir, `py-${target}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const paths = new Map<Sample, string>();
  for (const s of pySamples) {
    const path = join(dir, `${moduleName(s).replace(/-/g, '_')}.py`);
    writeFileSync(path, s.code);
    paths.set(s, path);
  }
  return paths;
}

const emulatorEntry = join(root, 'src', 'server', 'main.ts');
// `typescript`: the TypeScript samples run there too (real Redis only, they take a while).
const targets: { name: string; typescript: boolean; start: (port: number) => Promise<ChildProcess> }[] = [
  {
    name: 'real redis-server',
    typescript: true,
    start: (port) => startServer('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], /Ready to accept connections/i),
  },
];
if (existsSync(emulatorEntry) && existsSync(join(root, 'src', 'redis', 'emulator.ts'))) {
  targets.unshift({
    name: 'the emulator RESP server',
    typescript: false,
    start: (port) => startServer(join(root, 'node_modules/.bin/tsx'), [emulatorEntry, '--port', String(port)], /ready/i),
  });
}

for (const target of targets) {
  describe(`Python samples run against ${target.name}`, () => {
    let server: ChildProcess | undefined;
    let admin: Redis | undefined;
    let url = '';
    let paths = new Map<Sample, string>();
    let tsDir = '';

    beforeAll(async () => {
      const port = await freePort();
      server = await target.start(port);
      url = `redis://127.0.0.1:${port}/0`;
      admin = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 });
      await admin.connect();
      paths = writePythonSamples(target.name.replace(/\W+/g, '-'));
      tsDir = join(workDir, `ts-run-${target.name.replace(/\W+/g, '-')}`);
      rmSync(tsDir, { recursive: true, force: true });
      mkdirSync(tsDir, { recursive: true });
      writeTsSamples(tsDir);
    }, 60_000);

    /**
     * Runs a sample on a flushed server. Lesson 7's samples set 100 ms command timeouts, as the lesson
     * teaches, and on a starved machine a PING can take longer: such a sample gets up to three runs,
     * one of which must exit 0.
     */
    async function runWithTimeouts(sample: Sample, runOnce: () => Promise<Run>): Promise<Run> {
      const runs = /commandTimeout|connectTimeout|socket_timeout|socket_connect_timeout/.test(sample.code) ? 3 : 1;
      let run: Run = { code: -1, stdout: '', stderr: '' };
      for (let attempt = 0; attempt < runs && run.code !== 0; attempt++) {
        await admin?.flushall();
        run = await runOnce();
      }
      return run;
    }

    afterAll(async () => {
      await admin?.quit().catch(() => undefined);
      stopServer(server);
    });

    test.each(pySamples.map((s) => [`${s.file} block at line ${s.line}`, s] as const))(
      '%s',
      async (_name, s) => {
        const run = await runWithTimeouts(s, () => runSample(python, paths.get(s) ?? '', url));
        expect(run.code, `${s.file}:${s.line} exited with ${run.code}\n${run.stdout}\n${run.stderr}`).toBe(0);
      },
      40_000,
    );

    // A TypeScript sample must also run to completion on real Redis: no error, no connection left open.
    test.each((target.typescript ? tsSamples : []).map((s) => [`TypeScript: ${s.file} block at line ${s.line}`, s] as const))(
      '%s',
      async (_name, s) => {
        const run = await runWithTimeouts(s, () => runSample(join(root, 'node_modules/.bin/tsx'), join(tsDir, `${moduleName(s)}.ts`), url));
        expect(run.code, `${s.file}:${s.line} exited with ${run.code}\n${run.stdout}\n${run.stderr}`).toBe(0);
      },
      40_000,
    );

    test('the compression table in 09-best-practices.md states what its sample measures', async () => {
      const lesson = '09-best-practices.md';
      const sample = pySamples.find((s) => s.file === lesson && s.code.includes('gzip.compress') && s.code.includes('print("| value'));
      expect(sample, 'the measuring sample is missing').toBeDefined();
      if (!sample) return;
      await admin?.flushall();
      const run = await runSample(python, paths.get(sample) ?? '', url);
      expect(run.code, run.stderr).toBe(0);
      const measuredRows = run.stdout.split('\n').filter((line) => /^\| .+ \| [\d,]+ B \|/.test(line));
      expect(measuredRows.length).toBeGreaterThanOrEqual(3);
      const lessonLines = readFileSync(join(contentDir, lesson), 'utf8').split('\n');
      for (const row of measuredRows) expect(lessonLines, `row missing from the lesson: ${row}`).toContain(row);
    }, 40_000);
  });
}
