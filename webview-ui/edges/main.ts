// Entry of the "Detect Edges" panel bundle (dist/webview/edges.js).
import { env } from '@tensorflow/tfjs-core';
import { startView } from '../shared/view';
import { savedState } from '../shared/host';
import { EdgesView } from './view';

// im2col turns a photo's 3×3 conv into a large matmul; direct conv is several times faster on software WebGL
// (FACTS.md: 3–6× on SwiftShader), and a live kernel editor wants every millisecond.
env().set('WEBGL_CONV_IM2COL', false);

const view = new EdgesView();
const root = document.getElementById('root') as HTMLElement;

startView(
  'edges',
  {
    init: (args) => view.init(root, args),
    setInput: (input) => view.setInput(input),
    loadImage: async (uri, name) => {
      await view.loadImage(uri, name);
    },
  },
  () => savedState(),
);
