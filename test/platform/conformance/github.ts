/**
 * One sequence of runner calls, made through either our @actions/core shortcut
 * (src/platform/actions-core.ts) or the library's public index, chosen by argv[2]. The
 * conformance test runs both and compares what the runner would see.
 */
const which = process.argv[2];

async function calls(): Promise<void> {
  // The library is loaded only for its own run, as our side never loads its index.
  const ours = await import('../../../src/platform/actions-core.js');
  const lib = which === 'ours' ? ours : await import('@actions/core');
  const summary =
    which === 'ours' ? await ours.loadSummary() : (await import('@actions/core')).summary;

  lib.setSecret('plain-secret-0123');
  lib.setSecret('multi\nline-secret');
  lib.setSecret('spécial %;]:: secret');
  lib.setOutput('out', 'a\nb %;] ::x');
  lib.setOutput('empty', '');
  lib.exportVariable('CONFORMANCE_ENV', 'v\r\nw %');
  lib.saveState('state-key', 'x%y\nz');
  lib.debug('debug %\n:: line');
  lib.notice('notice :: ##vso[x]');
  lib.warning('warning\r\nnext %25');
  lib.error('error,;]');
  lib.info('info line %0A');
  await summary.addRaw('# Title\n\n| a | b |\n', true).write();
  lib.setFailed('failed: reason %');
  process.stdout.write(`exitCode=${process.exitCode}\n`);
  process.stdout.write(`env=${JSON.stringify(process.env.CONFORMANCE_ENV)}\n`);
}

void calls();
