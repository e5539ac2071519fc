// Entry of the "Conv2D: Step Cross-Correlation" webview bundle (dist/webview/step.js).
// Opens on the saved state after a reload, else on the matrices from the editor or a hover link, else on Fig. 5.1.
import { startView } from '../shared/view';
import { savedState } from '../shared/host';
import { adoptStepStyles } from './style';
import { applyInput, defaultStepState, parseStepState } from './state';
import { StepView } from './view';

adoptStepStyles();
let view: StepView | undefined;

startView('step', {
  init: ({ input, state, backend }) => {
    const root = document.getElementById('root');
    if (!root) throw new Error('step: the page has no #root element');
    const restored = parseStepState(state);
    const s = restored ?? (input.X || input.K ? applyInput(defaultStepState(), input) : defaultStepState());
    view = new StepView(root, s, backend);
  },
  setInput: (input) => view?.setInput(input),
}, savedState);
