// Entry of the "Detect Edges" panel bundle (dist/webview/edges.js and edges.css).
import { env } from '@tensorflow/tfjs-core';
import { startView } from '../shared/start';
import { messageOf } from '../shared/format';
import { EdgesApp } from './App';
import { EdgesModel } from './model';
import { applyInput, defaultEdgeState, EdgeStateSchema } from './state';
import './edges.css';

// im2col turns a photo's 3×3 conv into a large matmul; direct conv is several times faster on software WebGL, and a
// live kernel editor wants every millisecond (tfjs issue #6678 on im2col memory and speed).
env().set('WEBGL_CONV_IM2COL', false);

/** The model lives as long as the page: decoded photos and the loaded image outlast re-renders. */
let model: EdgesModel | undefined;

startView({
  kind: 'edges',
  schema: EdgeStateSchema,
  defaults: defaultEdgeState,
  fromInput: applyInput,
  App: ({ ctx }) => {
    model ??= new EdgesModel(ctx.backend);
    return <EdgesApp ctx={ctx} model={model} />;
  },
  // A photo replaces X only once it decoded: a broken file leaves X and K as they were and says why.
  loadImage: (ctx, uri, name, path) => {
    model ??= new EdgesModel(ctx.backend);
    const m = model;
    m.open(uri, name).then(
      () => {
        m.notice.value = undefined;
        ctx.store.set({
          source: { kind: 'photo', uri, name, path },
          transposed: false,
          kept: undefined,
          inspect: [0, 0],
        });
      },
      (e) => (m.notice.value = { kind: 'error', text: messageOf(e) }),
    );
  },
});
