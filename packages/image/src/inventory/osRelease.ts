import type { DistroEcosystem } from '@vigil/deps';

/** The fields of `/etc/os-release` that identify a distribution release. */
export interface OsRelease {
  /** `ID`, lower case: `debian`, `ubuntu`, `alpine`, `rocky`, … */
  id: string;
  idLike: string[];
  versionId?: string;
  version?: string;
  prettyName?: string;
}

/**
 * Parses os-release (a shell-style `KEY=value` file, values optionally quoted). `undefined`
 * when it names no `ID`.
 */
export function parseOsRelease(text: string): OsRelease | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!match?.[1]) continue;
    fields.set(match[1], unquote((match[2] ?? '').trim()));
  }
  const id = fields.get('ID')?.toLowerCase();
  if (!id) return undefined;
  const versionId = fields.get('VERSION_ID');
  const version = fields.get('VERSION');
  const prettyName = fields.get('PRETTY_NAME');
  return {
    id,
    idLike: (fields.get('ID_LIKE') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    ...(versionId ? { versionId } : {}),
    ...(version ? { version } : {}),
    ...(prettyName ? { prettyName } : {}),
  };
}

/**
 * The OSV ecosystem of the distribution's packages, release included, as the OSV schema names
 * them: `Debian:12`, `Ubuntu:22.04:LTS` (`:LTS` for long-term releases), `Alpine:v3.20`,
 * `Rocky Linux:9`, `AlmaLinux:9`, `openSUSE:Leap 15.5`. `undefined` for distributions (or
 * releases, such as Debian testing without a number) OSV has no stream for.
 */
export function distroEcosystem(os: OsRelease): DistroEcosystem | undefined {
  const major = os.versionId?.split('.')[0];
  switch (os.id) {
    case 'debian':
      return major && /^\d+$/.test(major) ? `Debian:${major}` : undefined;
    case 'ubuntu': {
      const release = /^\d+\.\d+/.exec(os.versionId ?? '')?.[0];
      if (!release) return undefined;
      return /\bLTS\b/.test(`${os.version ?? ''} ${os.prettyName ?? ''}`)
        ? `Ubuntu:${release}:LTS`
        : `Ubuntu:${release}`;
    }
    case 'alpine': {
      const branch = /^\d+\.\d+/.exec(os.versionId ?? '')?.[0];
      return branch ? `Alpine:v${branch}` : undefined;
    }
    case 'rocky':
      return major ? `Rocky Linux:${major}` : undefined;
    case 'almalinux':
      return major ? `AlmaLinux:${major}` : undefined;
    case 'opensuse-leap':
    case 'opensuse-tumbleweed':
      return os.prettyName ? `openSUSE:${os.prettyName.replace(/^openSUSE\s+/, '')}` : undefined;
    case 'sles':
      return os.prettyName ? `SUSE:${os.prettyName.replace(/^SUSE\s+/, '')}` : undefined;
    default:
      return undefined;
  }
}

/** The purl `distro` qualifier: `debian-12`, `alpine-3.20.1`, `ubuntu-22.04`. */
export function purlDistro(os: OsRelease): string {
  return os.versionId ? `${os.id}-${os.versionId}` : os.id;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2)
    return value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
  return value;
}
