/** Debian, Ubuntu, Amazon Linux and Oracle Linux bases, and distroless (no shell at all). */
import { GNU_TOOLS, inDir, type Family } from './types.ts';

const DEBIAN_DIRS: (string | [string, number])[] = [
  'boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'proc', ['root', 0o700], 'run', 'srv', 'sys', ['tmp', 0o1777], 'usr', 'usr/bin', 'usr/sbin',
  'usr/lib', 'usr/lib64', 'usr/local', 'usr/local/bin', 'usr/local/sbin', 'usr/share', 'var', 'var/log', 'var/cache', 'var/lib', 'etc/ssl', 'etc/ssl/certs',
];
const MERGED_USR: [string, string][] = [
  ['/bin', 'usr/bin'],
  ['/sbin', 'usr/sbin'],
  ['/lib', 'usr/lib'],
  ['/lib64', 'usr/lib64'],
];

const debianPasswd =
  'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\n' +
  'sync:x:4:65534:sync:/bin:/bin/sync\ngames:x:5:60:games:/usr/games:/usr/sbin/nologin\nman:x:6:12:man:/var/cache/man:/usr/sbin/nologin\nlp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\n' +
  'mail:x:8:8:mail:/var/mail:/usr/sbin/nologin\nnews:x:9:9:news:/var/spool/news:/usr/sbin/nologin\nuucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin\nproxy:x:13:13:proxy:/bin:/usr/sbin/nologin\n' +
  'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nbackup:x:34:34:backup:/var/backups:/usr/sbin/nologin\nlist:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\n' +
  'irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const debianGroup =
  'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nnews:x:9:\nuucp:x:10:\nman:x:12:\nproxy:x:13:\nkmem:x:15:\n' +
  'dialout:x:20:\nfax:x:21:\nvoice:x:22:\ncdrom:x:24:\nfloppy:x:25:\ntape:x:26:\nsudo:x:27:\naudio:x:29:\ndip:x:30:\nwww-data:x:33:\nbackup:x:34:\noperator:x:37:\n' +
  'list:x:38:\nirc:x:39:\nsrc:x:40:\nshadow:x:42:\nutmp:x:43:\nvideo:x:44:\nsasl:x:45:\nplugdev:x:46:\nstaff:x:50:\ngames:x:60:\nusers:x:100:\nnogroup:x:65534:\n';

const debianTools = { ...inDir('/usr/bin', [...GNU_TOOLS, 'dash', 'bash', 'sh', 'awk', 'mawk', 'apt', 'apt-get', 'dpkg', 'perl']) };

export const debian: Family = {
  name: 'debian',
  dirs: DEBIAN_DIRS,
  links: MERGED_USR,
  files: {
    '/etc/os-release':
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
    '/etc/debian_version': '12.10\n',
    '/etc/passwd': debianPasswd,
    '/etc/group': debianGroup,
    '/etc/shells': '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n',
  },
  programs: debianTools,
  sh: 'dash',
  style: 'gnu',
  bash: { version: '5.2', prompt: 'debian' },
  built: Date.parse('2025-04-28T00:00:00Z'),
};

export const ubuntu: Family = {
  ...debian,
  name: 'ubuntu',
  files: {
    ...debian.files,
    '/etc/os-release':
      'PRETTY_NAME="Ubuntu 24.04.2 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.2 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n',
    '/etc/debian_version': 'trixie/sid\n',
    '/etc/passwd': `${debianPasswd}ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n`,
    '/etc/group': `${debianGroup}ubuntu:x:1000:\n`,
  },
  programs: { ...debianTools, ...inDir('/usr/bin', ['ps', 'top', 'free', 'pgrep', 'pkill']) },
  built: Date.parse('2025-04-08T00:00:00Z'),
};

const rhelPasswd =
  'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nadm:x:3:4:adm:/var/adm:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\n' +
  'sync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/spool/mail:/sbin/nologin\noperator:x:11:0:operator:/root:/sbin/nologin\n' +
  'games:x:12:100:games:/usr/games:/sbin/nologin\nftp:x:14:50:FTP User:/var/ftp:/sbin/nologin\nnobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin\n';
const rhelGroup = 'root:x:0:\nbin:x:1:\ndaemon:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmem:x:8:\nkmem:x:9:\nwheel:x:10:\ncdrom:x:11:\nmail:x:12:\nman:x:15:\ndialout:x:18:\nfloppy:x:19:\ngames:x:20:\ntape:x:33:\nvideo:x:39:\nftp:x:50:\nlock:x:54:\naudio:x:63:\nusers:x:100:\nnobody:x:65534:\n';

export const amazonlinux: Family = {
  ...debian,
  name: 'amazonlinux',
  files: {
    '/etc/os-release':
      'NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\nPLATFORM_ID="platform:al2023"\nPRETTY_NAME="Amazon Linux 2023.7.20250512"\nANSI_COLOR="0;33"\nCPE_NAME="cpe:2.3:o:amazon:amazon_linux:2023"\nHOME_URL="https://aws.amazon.com/linux/amazon-linux-2023/"\nDOCUMENTATION_URL="https://docs.aws.amazon.com/linux/"\nSUPPORT_URL="https://aws.amazon.com/premiumsupport/"\nBUG_REPORT_URL="https://github.com/amazonlinux/amazon-linux-2023"\nVENDOR_NAME="AWS"\nVENDOR_URL="https://aws.amazon.com/"\nSUPPORT_END="2029-06-30"\n',
    '/etc/system-release': 'Amazon Linux release 2023.7.20250512 (Amazon Linux)\n',
    '/etc/passwd': rhelPasswd,
    '/etc/group': rhelGroup,
  },
  programs: { ...inDir('/usr/bin', [...GNU_TOOLS, 'bash', 'sh', 'awk', 'gawk', 'curl', 'dnf', 'yum', 'rpm']) },
  sh: 'bash',
  bash: { version: '5.2', prompt: 'plain' },
  curl: '8.11.1',
  built: Date.parse('2025-05-12T00:00:00Z'),
};

export const oraclelinux: Family = {
  ...amazonlinux,
  name: 'oraclelinux',
  files: {
    ...amazonlinux.files,
    '/etc/os-release':
      'NAME="Oracle Linux Server"\nVERSION="9.5"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVARIANT_ID="server"\nVERSION_ID="9.5"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Oracle Linux Server 9.5"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:oracle:linux:9:5:server"\nHOME_URL="https://linux.oracle.com/"\nBUG_REPORT_URL="https://github.com/oracle/oracle-linux"\n',
  },
  programs: { ...inDir('/usr/bin', [...GNU_TOOLS, 'bash', 'sh', 'awk', 'gawk', 'microdnf', 'rpm']) },
  bash: { version: '5.1', prompt: 'plain' },
  curl: undefined,
};

/** gcr.io/distroless and scratch-built Go binaries: no shell, no tools, a few files. */
export const distroless: Family = {
  name: 'distroless',
  dirs: ['dev', 'etc', 'proc', 'sys', ['tmp', 0o1777], 'var', 'etc/ssl', 'etc/ssl/certs'],
  links: [],
  files: {
    '/etc/passwd': 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
    '/etc/group': 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n',
  },
  programs: {},
  style: 'gnu',
  bash: { version: '5.2', prompt: 'plain' },
  built: Date.parse('1970-01-01T00:00:01Z'),
};
