/**
 * Every fast-check property in the repository runs from one fixed seed, so `npm test` is deterministic:
 * a failure reproduces with the same command.
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: 20261202 });
