// The plain (non-tfjs) core: what the extension host may import without loading TensorFlow.js. The tfjs parts are
// in './tfjs/' (tensor, conv2d-layer, learn), imported by the webviews, the tests and the benchmark; a lint rule
// (eslint.config.mjs) keeps them and `@tensorflow/*` out of the extension host.
// Section numbers in the docstrings follow d2l.ai's current edition: §7.2 "Convolutions for Images" is §5.1 (Fig. 5.1)
// in the edition the product cites, §7.3 "Padding and Stride" is §5.2.

export * from './matrix';
export * from './geometry';
export * from './reference';
export * from './volume';
export * from './channels';
export * from './channels-grad';
export * from './layout';
export * from './transposed-geometry';
export * from './transposed';
export * from './conv-matrix';
export * from './export';
export * from './stability';
export * from './random';
export * from './fixtures';
export * from './learn-reference';
export * from './presets';
