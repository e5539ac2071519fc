// "Conv2D: Learn Kernel": gradient descent learns a kernel from (X, Y = corr2d(X, target)) — the book's 6×8 image
// experiment (d2l §7.2.4 “Learning a Kernel”) or a photo filtered with a preset — one animated step at a time.
import './gradients';
import { startView } from '../shared/view';
import { savedState } from '../shared/host';
import { LearnView, type SavedLearnState } from './view';

const view = new LearnView(document.getElementById('root') as HTMLElement);

startView(
  'learn',
  {
    init: ({ input, state, backend }) => view.init(input, state as SavedLearnState | undefined, backend),
    setInput: (input) => view.setInput(input),
    loadImage: (uri, name) => view.loadImage(uri, name),
  },
  () => savedState(),
);
