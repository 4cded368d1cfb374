/**
 * What each catalogue image looks like inside, beyond what the node simulation's catalogue says: its OS base per
 * flavour, the environment its Dockerfile sets, its working directory and user, its own programs and files, and
 * which kind of server answers on its ports.
 */
import type { FamilyName } from './families/index.ts';
import { HTTPD_INDEX, NGINX_50X, NGINX_CONF, NGINX_DEFAULT_CONF, NGINX_INDEX } from './web-files.ts';

export type Flavour = 'default' | 'alpine' | 'slim';

/** How a server image answers HTTP (network/servers.ts). */
export type ServerKind = 'nginx' | 'httpd' | 'http-echo' | 'echo-server' | 'hello-app' | 'spring' | 'go' | 'coredns';

export interface ProfileInput {
  version: string;
  flavour: Flavour;
}

export interface ImageProfile {
  family: Partial<Record<Flavour, FamilyName>> & { default: FamilyName };
  env?: (p: ProfileInput) => [string, string][];
  workdir?: string;
  /** uid:gid the image runs as (USER), when not root. */
  user?: [number, number];
  server?: ServerKind;
  /** Programs of the image: name → directory. */
  programs?: Record<string, string>;
  files?: (p: ProfileInput) => Record<string, string>;
  /** Executable scripts: path → content. */
  scripts?: Record<string, string>;
  links?: [string, string][];
  dirs?: string[];
  /** Lines appended to /etc/passwd and /etc/group. */
  passwd?: string;
  group?: string;
  /** curl of the image (when the base has none or another). */
  curl?: string;
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const debianRelease = (p: ProfileInput) => (p.flavour === 'alpine' ? '1' : '1~bookworm');

export const profiles: Record<string, ImageProfile> = {
  'docker.io/library/nginx': {
    family: { default: 'debian', alpine: 'alpine', slim: 'alpine' },
    env: (p) => [
      ['NGINX_VERSION', p.version],
      ...(p.flavour === 'alpine' ? [['PKG_RELEASE', '1'] as [string, string], ['DYNPKG_RELEASE', '1'] as [string, string], ['NJS_VERSION', '0.8.10'] as [string, string], ['NJS_RELEASE', '1'] as [string, string]] : [['NJS_VERSION', '0.8.10'] as [string, string], ['NJS_RELEASE', debianRelease(p)] as [string, string], ['PKG_RELEASE', debianRelease(p)] as [string, string], ['DYNPKG_RELEASE', debianRelease(p)] as [string, string]]),
    ],
    server: 'nginx',
    programs: { nginx: '/usr/sbin', curl: '/usr/bin' },
    curl: '7.88.1',
    dirs: ['etc/nginx', 'etc/nginx/conf.d', 'usr/share/nginx', 'usr/share/nginx/html', 'var/log/nginx', 'var/cache/nginx', 'docker-entrypoint.d'],
    links: [
      ['/var/log/nginx/access.log', '/dev/stdout'],
      ['/var/log/nginx/error.log', '/dev/stderr'],
    ],
    files: () => ({
      '/etc/nginx/nginx.conf': NGINX_CONF,
      '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
      '/etc/nginx/mime.types': 'types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    application/json                                 json;\n    image/png                                        png;\n}\n',
      '/usr/share/nginx/html/index.html': NGINX_INDEX,
      '/usr/share/nginx/html/50x.html': NGINX_50X,
    }),
    scripts: {
      '/docker-entrypoint.sh': '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n\nentrypoint_log() {\n    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then\n        echo "$@"\n    fi\n}\n',
      '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': '#!/bin/sh\n',
      '/docker-entrypoint.d/20-envsubst-on-templates.sh': '#!/bin/sh\n',
      '/docker-entrypoint.d/30-tune-worker-processes.sh': '#!/bin/sh\n',
    },
    passwd: 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n',
    group: 'nginx:x:101:\n',
  },
  'docker.io/library/httpd': {
    family: { default: 'debian', alpine: 'alpine' },
    env: (p) => [
      ['HTTPD_PREFIX', '/usr/local/apache2'],
      ['HTTPD_VERSION', p.version],
      ['HTTPD_SHA256', '4e4a5a6d6d6e2f1a6ec0fa5cb4e0a2b7e1e6fd0b6d5bdbb1b2c4f6a2d7b9ce62'],
      ['HTTPD_PATCHES', ''],
    ],
    workdir: '/usr/local/apache2',
    server: 'httpd',
    programs: { httpd: '/usr/local/apache2/bin', apachectl: '/usr/local/apache2/bin', 'httpd-foreground': '/usr/local/bin' },
    dirs: ['usr/local/apache2', 'usr/local/apache2/bin', 'usr/local/apache2/conf', 'usr/local/apache2/htdocs', 'usr/local/apache2/logs'],
    files: () => ({ '/usr/local/apache2/htdocs/index.html': HTTPD_INDEX, '/usr/local/apache2/conf/httpd.conf': 'ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n' }),
  },
  'docker.io/library/busybox': { family: { default: 'busybox' } },
  'docker.io/library/alpine': { family: { default: 'alpine' } },
  'docker.io/library/ubuntu': { family: { default: 'ubuntu' } },
  'docker.io/library/debian': { family: { default: 'debian' } },
  'docker.io/library/amazonlinux': { family: { default: 'amazonlinux' } },
  'docker.io/library/redis': {
    family: { default: 'debian', alpine: 'alpine' },
    env: (p) => [['GOSU_VERSION', '1.17'], ['REDIS_VERSION', p.version], ['REDIS_DOWNLOAD_URL', `http://download.redis.io/releases/redis-${p.version}.tar.gz`]],
    workdir: '/data',
    dirs: ['data'],
    programs: { 'redis-server': '/usr/local/bin', 'redis-cli': '/usr/local/bin', 'docker-entrypoint.sh': '/usr/local/bin' },
    passwd: 'redis:x:999:999::/home/redis:/usr/sbin/nologin\n',
    group: 'redis:x:999:\n',
  },
  'docker.io/library/postgres': {
    family: { default: 'debian', alpine: 'alpine' },
    env: (p) => {
      const major = p.version.split('.')[0]!;
      return [['PATH', `${PATH}:/usr/lib/postgresql/${major}/bin`], ['GOSU_VERSION', '1.17'], ['LANG', 'en_US.utf8'], ['PG_MAJOR', major], ['PG_VERSION', `${p.version}-1.pgdg120+2`], ['PGDATA', '/var/lib/postgresql/data']];
    },
    programs: { psql: '/usr/bin', postgres: '/usr/lib/postgresql/17/bin', 'docker-entrypoint.sh': '/usr/local/bin' },
    dirs: ['var/lib/postgresql', 'var/lib/postgresql/data', 'var/run/postgresql'],
    passwd: 'postgres:x:999:999::/var/lib/postgresql:/bin/bash\n',
    group: 'postgres:x:999:\n',
  },
  'docker.io/library/mysql': {
    family: { default: 'oraclelinux' },
    env: (p) => [['GOSU_VERSION', '1.17'], ['MYSQL_MAJOR', p.version.split('.').slice(0, 2).join('.')], ['MYSQL_VERSION', `${p.version}-1.el9`], ['MYSQL_SHELL_VERSION', `${p.version}-1.el9`]],
    programs: { mysql: '/usr/bin', mysqld: '/usr/sbin', 'docker-entrypoint.sh': '/usr/local/bin' },
    passwd: 'mysql:x:999:999::/var/lib/mysql:/bin/bash\n',
    group: 'mysql:x:999:\n',
  },
  'docker.io/library/mongo': {
    family: { default: 'ubuntu' },
    env: (p) => [['GOSU_VERSION', '1.17'], ['JSYAML_VERSION', '3.13.1'], ['MONGO_PACKAGE', 'mongodb-org'], ['MONGO_REPO', 'repo.mongodb.org'], ['MONGO_MAJOR', p.version.split('.').slice(0, 2).join('.')], ['MONGO_VERSION', p.version], ['HOME', '/data/db']],
    programs: { mongod: '/usr/bin', mongosh: '/usr/bin', 'docker-entrypoint.sh': '/usr/local/bin' },
    dirs: ['data', 'data/db', 'data/configdb'],
  },
  'docker.io/library/node': {
    family: { default: 'debian', alpine: 'alpine', slim: 'debian' },
    env: (p) => [['NODE_VERSION', p.version], ['YARN_VERSION', '1.22.22']],
    programs: { node: '/usr/local/bin', npm: '/usr/local/bin', npx: '/usr/local/bin', yarn: '/usr/local/bin', 'docker-entrypoint.sh': '/usr/local/bin' },
    passwd: 'node:x:1000:1000::/home/node:/bin/bash\n',
    group: 'node:x:1000:\n',
    dirs: ['home/node'],
  },
  'docker.io/library/python': {
    family: { default: 'debian', alpine: 'alpine', slim: 'debian' },
    env: (p) => [['GPG_KEY', '7169605F62C751356D054A26A821E680E5FA6305'], ['PYTHON_VERSION', p.version], ['PYTHON_SHA256', '1e7b8d3bc3e5c6e7a3c1d8e6e0f5a7b2c4d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7']],
    programs: { python: '/usr/local/bin', python3: '/usr/local/bin', pip: '/usr/local/bin', pip3: '/usr/local/bin' },
  },
  'docker.io/library/perl': { family: { default: 'debian' }, workdir: '/usr/src/app', dirs: ['usr/src', 'usr/src/app'] },
  'docker.io/curlimages/curl': {
    family: { default: 'alpine' },
    env: (p) => [['CURL_CA_BUNDLE', '/cacert.pem'], ['CURL_RELEASE_TAG', `curl-${p.version.replace(/\./g, '_')}`], ['CURL_GIT_REPO', 'https://github.com/curl/curl.git']],
    user: [100, 101],
    workdir: '/home/curl_user',
    programs: { curl: '/usr/bin' },
    curl: '8.12.1',
    dirs: ['home/curl_user'],
    files: () => ({ '/cacert.pem': '##\n## Bundle of CA Root Certificates\n##\n' }),
    passwd: 'curl_user:x:100:101:Linux User,,,:/home/curl_user:/sbin/nologin\n',
    group: 'curl_group:x:101:curl_user\n',
  },
  'docker.io/polinux/stress': { family: { default: 'alpine' }, programs: { stress: '/usr/local/bin' } },
  'docker.io/hashicorp/http-echo': { family: { default: 'distroless' }, server: 'http-echo', programs: { 'http-echo': '/' } },
  'docker.io/kicbase/echo-server': { family: { default: 'distroless' }, server: 'echo-server', programs: { 'echo-server': '/' } },
  'gcr.io/google-samples/hello-app': { family: { default: 'distroless' }, server: 'hello-app', programs: { 'hello-app': '/' } },
  'registry.k8s.io/pause': { family: { default: 'distroless' }, programs: { pause: '/' }, user: [65535, 65535] },
  'docker.io/amazon/aws-cli': { family: { default: 'amazonlinux' }, workdir: '/aws', dirs: ['aws'], programs: { aws: '/usr/local/bin' } },
  'public.ecr.aws/aws-containers/retail-store-sample-ui': {
    family: { default: 'amazonlinux' },
    env: () => [['JAVA_HOME', '/usr/lib/jvm/java-21-amazon-corretto'], ['JAVA_TOOL_OPTIONS', '-XX:MaxRAMPercentage=75.0'], ['SPRING_PROFILES_ACTIVE', 'prod']],
    workdir: '/app',
    user: [1000, 1000],
    server: 'spring',
    dirs: ['app'],
    programs: { java: '/usr/bin' },
    passwd: 'appuser:x:1000:1000::/app:/sbin/nologin\n',
    group: 'appuser:x:1000:\n',
  },
  'public.ecr.aws/aws-containers/retail-store-sample-catalog': { family: { default: 'distroless' }, server: 'go', workdir: '/app', programs: { main: '/app' }, user: [1000, 1000], dirs: ['app'] },
  'eks-registry/eks/coredns': { family: { default: 'distroless' }, server: 'coredns', programs: { coredns: '/' } },
  'eks-registry/eks/kube-proxy': { family: { default: 'distroless' }, programs: { 'kube-proxy': '/usr/local/bin', iptables: '/usr/sbin' } },
  'eks-registry/amazon-k8s-cni': { family: { default: 'amazonlinux' }, workdir: '/app', dirs: ['app'], programs: { 'aws-vpc-cni': '/app', 'aws-k8s-agent': '/app', 'grpc-health-probe': '/app' } },
  'eks-registry/amazon-k8s-cni-init': { family: { default: 'amazonlinux' }, workdir: '/init', dirs: ['init'], programs: { 'aws-vpc-cni-init': '/init' } },
};

/** Images the catalogue does not describe further: a small Go web server built from scratch. */
export const genericProfile: ImageProfile = { family: { default: 'distroless' }, server: 'go', programs: { app: '/' } };
