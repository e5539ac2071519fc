// Entry of the "Conv2D: Step Cross-Correlation" webview bundle (dist/webview/step.js).
// Opens on the saved state after a reload, else on the matrices from the editor or a hover link, else on d2l Fig. 7.2.1 (Fig. 5.1).
import { startView } from '../shared/view';
import { savedState } from '../shared/host';
import { adoptStepStyles } from './style';
import { defaultStepState, parseStepState } from './state';
import { StepView } from './view';

adoptStepStyles();
let view: StepView | undefined;

startView(
  'step',
  {
    init: ({ input, state, backend }) => {
      const root = document.getElementById('root');
      if (!root) throw new Error('step: the page has no #root element');
      const restored = parseStepState(state);
      view = new StepView(root, restored ?? defaultStepState(), backend);
      // Through setInput, so a refused input (e.g. a 200×200 X) is shown as an error over the defaults, never saved.
      if (!restored && Object.values(input).some((x) => x !== undefined)) view.setInput(input);
    },
    setInput: (input) => view?.setInput(input),
  },
  savedState,
);
