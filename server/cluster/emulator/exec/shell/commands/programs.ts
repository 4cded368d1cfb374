/** The images' own programs, as far as a shell session uses them: versions, `nginx -t`, `nginx -s reload`, `redis-cli ping`. */
import type { Command, CommandContext } from '../command.ts';

const version = (ctx: CommandContext) => ctx.sys.tools.program?.version ?? '';

const nginxDate = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
};

const nginx: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  const v = version(ctx);
  const conf = '/etc/nginx/nginx.conf';
  const ok = () => ctx.stderr.write(`nginx: the configuration file ${conf} syntax is ok\nnginx: configuration file ${conf} test is successful\n`);
  if (args.includes('-v')) ctx.stderr.write(`nginx version: nginx/${v}\n`);
  else if (args.includes('-V')) ctx.stderr.write(`nginx version: nginx/${v}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14)\nbuilt with OpenSSL 3.0.15 3 Sep 2024\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --conf-path=/etc/nginx/nginx.conf --http-log-path=/var/log/nginx/access.log --error-log-path=/var/log/nginx/error.log --user=nginx --group=nginx --with-http_ssl_module --with-http_v2_module\n`);
  else if (args.includes('-t') || args.includes('-T')) {
    ok();
    if (args.includes('-T')) {
      for (const f of [conf, ...listConf(ctx)]) {
        const text = ctx.sys.fs.read(f);
        if (typeof text === 'string') ctx.stdout.write(`# configuration file ${f}:\n${text}\n`);
      }
    }
  } else if (args[0] === '-s') ctx.stderr.write(`${nginxDate(ctx.sys.now())} [notice] ${40 + (ctx.sys.now() % 50)}#${40 + (ctx.sys.now() % 50)}: signal process started\n`);
  else {
    ctx.stderr.write(`${nginxDate(ctx.sys.now())} [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)\nnginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n`);
    return 1;
  }
  return 0;
};

function listConf(ctx: CommandContext): string[] {
  const names = ctx.sys.fs.list('/etc/nginx/conf.d');
  return Array.isArray(names) ? names.filter((n) => n.endsWith('.conf')).map((n) => `/etc/nginx/conf.d/${n}`) : [];
}

/** Programs that only answer `--version` here: what they print, and on which stream. */
const VERSIONS: Record<string, (v: string, ctx: CommandContext) => string> = {
  httpd: (v) => `Server version: Apache/${v} (Unix)\nServer built:   Jan 23 2025 18:43:13\n`,
  apachectl: (v) => `Server version: Apache/${v} (Unix)\nServer built:   Jan 23 2025 18:43:13\n`,
  'redis-server': (v) => `Redis server v=${v} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=1b2e1b2e1b2e1b2e\n`,
  'redis-cli': (v) => `redis-cli ${v}\n`,
  node: (v) => `v${v}\n`,
  npm: () => '10.9.2\n',
  python: (v) => `Python ${v}\n`,
  python3: (v) => `Python ${v}\n`,
  pip: () => 'pip 25.0.1 from /usr/local/lib/python3.13/site-packages/pip (python 3.13)\n',
  psql: (v) => `psql (PostgreSQL) ${v}\n`,
  postgres: (v) => `postgres (PostgreSQL) ${v}\n`,
  mysql: (v) => `mysql  Ver ${v} for Linux on x86_64 (MySQL Community Server - GPL)\n`,
  mysqld: (v) => `/usr/sbin/mysqld  Ver ${v} for Linux on x86_64 (MySQL Community Server - GPL)\n`,
  aws: (v, ctx) => `aws-cli/${v} Python/3.12.9 Linux/${ctx.sys.kernel.release} exe/x86_64.amzn.2023\n`,
  'http-echo': (v) => `http-echo v${v}\n`,
  perl: (v) => `\nThis is perl 5, version ${v.split('.')[1] ?? '40'}, subversion ${v.split('.')[2] ?? '1'} (v${v}) built for x86_64-linux-gnu-thread-multi\n`,
};

function versionOnly(name: string): Command {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    if (name === 'redis-cli' && args.map((a) => a.toLowerCase()).includes('ping')) {
      ctx.stdout.write('PONG\n');
      return 0;
    }
    if (args.some((a) => /^(-v|-V|--version|-version|version)$/.test(a))) {
      ctx.stdout.write(VERSIONS[name]!(version(ctx) || '1.0.0', ctx));
      return 0;
    }
    ctx.stderr.write(`${name}: not available in this simulated container (try ${name} --version)\n`);
    return 1;
  };
}

export const programCommands: Record<string, Command> = {
  nginx,
  ...Object.fromEntries(Object.keys(VERSIONS).map((n) => [n, versionOnly(n)])),
};
