// Throughput verification (issue 6): stored test inputs, test runs against a container's Gradio API, comparisons.
export { builtinPair } from './builtin';
export {
  compareRuns,
  figuresOf,
  verdict,
  type Comparison,
  type RunFigures,
  type Verdict,
} from './compare';
export {
  deleteInput,
  getInput,
  inputPath,
  listInputs,
  saveUpload,
  uploadLimit,
  MediaError,
  TooLargeError,
  type TestInput,
} from './inputs';
export {
  cancelRun,
  getRun,
  listRuns,
  outputsDir,
  previousRun,
  startRun,
  type RunDetail,
  type RunSpec,
  type RunStatus,
  type RunView,
} from './runs';
