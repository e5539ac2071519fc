// Entry of the "Conv2D: Step Cross-Correlation" webview bundle (dist/webview/step.js and step.css).
import { startView } from '../shared/start';
import { StepApp } from './App';
import { applyInput, defaultStepState, StepStateSchema } from './state';
import './step.css';

startView({ kind: 'step', schema: StepStateSchema, defaults: defaultStepState, fromInput: applyInput, App: StepApp });
