// `istio2gateway completion bash|zsh|fish`: a completion script made from the program's own
// commands and options, so it never falls out of step with them.
import type { Command } from 'commander';
import { type CliIO, UsageError } from './common.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

interface Spec {
  name: string;
  options: {
    long: string;
    short?: string;
    choices?: readonly string[];
    takesValue: boolean;
    description: string;
  }[];
}

function specs(program: Command): Spec[] {
  return program.commands
    .filter((c) => c.name() !== 'completion' && c.name() !== 'help')
    .map((c) => ({
      name: c.name(),
      options: c.options
        .filter((o) => !o.hidden && o.long)
        .map((o) => ({
          long: o.long!,
          ...(o.short ? { short: o.short } : {}),
          ...(o.argChoices ? { choices: o.argChoices } : {}),
          takesValue: o.required || o.optional,
          description: o.description,
        })),
    }));
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(cmds: Spec[]): string {
  const cases = cmds
    .map((c) => {
      const choices = c.options
        .filter((o) => o.choices)
        .map(
          (o) =>
            `      ${o.long}) COMPREPLY=($(compgen -W "${o.choices!.join(' ')}" -- "$cur")); return;;`,
        )
        .join('\n');
      const words = c.options.flatMap((o) => [o.long, ...(o.short ? [o.short] : [])]).join(' ');
      return [
        `    ${c.name})`,
        '      case "$prev" in',
        choices,
        '      esac',
        `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${words}" -- "$cur")); ` +
          'else COMPREPLY=($(compgen -f -- "$cur")); fi;;',
      ]
        .filter(Boolean)
        .join('\n');
    })
    .join('\n');
  return `# istio2gateway bash completion: source <(istio2gateway completion bash)
_istio2gateway() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${cmds.map((c) => c.name).join(' ')} completion --help --version" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
}
complete -o default -F _istio2gateway istio2gateway kubectl-istio2gateway
`;
}

function zsh(cmds: Spec[]): string {
  const arg = (o: Spec['options'][number]) => {
    const value = o.choices ? `:value:(${o.choices.join(' ')})` : '';
    const takes = o.takesValue ? value || ':value:_files' : '';
    return `    ${quote(`${o.long}[${o.description.replace(/[[\]:]/g, ' ')}]${takes}`)}`;
  };
  const cases = cmds
    .map(
      (c) =>
        `  (${c.name})\n   _arguments \\\n${c.options.map(arg).join(' \\\n')} \\\n    '*:file:_files' ;;`,
    )
    .join('\n');
  return `#compdef istio2gateway kubectl-istio2gateway
# istio2gateway zsh completion: istio2gateway completion zsh > "\${fpath[1]}/_istio2gateway"
_istio2gateway() {
  if (( CURRENT == 2 )); then
    _values 'command' ${cmds.map((c) => c.name).join(' ')} completion
    return
  fi
  case $words[2] in
${cases}
  esac
}
_istio2gateway "$@"
`;
}

function fish(cmds: Spec[]): string {
  const lines = [
    '# istio2gateway fish completion: istio2gateway completion fish | source',
    'complete -c istio2gateway -f',
    `complete -c istio2gateway -n __fish_use_subcommand -a ${quote(
      [...cmds.map((c) => c.name), 'completion'].join(' '),
    )}`,
  ];
  for (const c of cmds) {
    for (const o of c.options) {
      const short = o.short ? ` -s ${o.short.replace(/^-/, '')}` : '';
      const choices = o.choices ? ` -x -a ${quote(o.choices.join(' '))}` : '';
      lines.push(
        `complete -c istio2gateway -n '__fish_seen_subcommand_from ${c.name}'` +
          ` -l ${o.long.replace(/^--/, '')}${short}${choices} -d ${quote(o.description)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function registerCompletion(program: Command, io: CliIO): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .argument('<shell>', `one of ${SHELLS.join(', ')}`)
    .exitOverride()
    .addHelpText(
      'after',
      '\nExamples:\n  $ source <(istio2gateway completion bash)\n' +
        '  $ istio2gateway completion fish | source\n',
    )
    .action((shell: string) => {
      const all = specs(program);
      const scripts: Record<Shell, () => string> = {
        bash: () => bash(all),
        zsh: () => zsh(all),
        fish: () => fish(all),
      };
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(`completion: unknown shell ${shell}; choose ${SHELLS.join(', ')}`);
      }
      io.stdout.write(scripts[shell as Shell]());
    });
}
