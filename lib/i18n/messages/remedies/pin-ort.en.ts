// English texts of the pin-ort remedy: step titles, states, notices, verifications (lib/remedies/modules/pin-ort).
export const pinOrtEn = {
  /** A package at a version: the state now and the state wanted. */
  package: '{dist} {version}',
  notInstalled: '(not installed)',
  envIndex: "the env's own index",
  steps: {
    downloadFrom: 'Download {dist} {version} from {index}',
    downloadFromEnvIndex: "Download {dist} {version} from the env's own index",
    backup: 'Save the installed {dist} {version} for an offline restore',
    uninstall: 'pip uninstall -y {dist} ({version})',
    install: 'pip install {dist}=={version} (the downloaded file)',
    clean: 'Remove the downloaded wheel (the backup stays for undo)',
    restore: 'Restore {dist} {version} from {path}',
  },
  notices: {
    truth:
      "Domain truth: the version number itself is not the cause of GPU 0 %; a version that does not match the container's CUDA/cuDNN makes ONNX Runtime fall back to the CPU.",
    recommended: ' The version known to work with these libraries is {version}.',
    unknown:
      'Cannot tell whether onnxruntime-gpu {version} loads CUDA here (libraries found: {libs}).{recommended}',
    feedBuildOnly:
      'onnxruntime-gpu {version} from PyPI is built for other CUDA/cuDNN than this container has ({libs}); only a separate feed has a matching build.{recommended}',
    mismatch:
      "onnxruntime-gpu {version} cannot load CUDA with this container's {libs}: it would run on the CPU.{recommended}",
    listFailed: 'Could not list the versions on {index}: {error}',
    missingVersion: '{dist} {version} is not on {index}. Versions there nearest to it: {versions}.',
  },
  verify: {
    unreadable: 'could not read ONNX Runtime in the env',
    importFails: 'import onnxruntime fails: {error}',
    imports: '{dist} {version} imports; a new session uses {providers}',
    noProviders: 'none ({error})',
    noSession: 'no session',
  },
} as const;
