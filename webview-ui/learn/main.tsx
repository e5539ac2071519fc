// Entry of the "Conv2D: Learn Kernel" bundle (dist/webview/learn.js and learn.css).
import { useEffect } from 'preact/hooks';
import './gradients';
import { startView, type ViewContext } from '../shared/start';
import { messageOf } from '../shared/format';
import { LearnApp } from './App';
import { LearnModel } from './model';
import { STEPS } from './setup';
import { defaultLearnState, learnInput, LearnStateSchema, type LearnState } from './state';
import './learn.css';

/** The model lives as long as the page (the photo's pixels outlast re-renders). */
let model: LearnModel | undefined;
const modelOf = (ctx: ViewContext<LearnState>) => (model ??= new LearnModel(ctx.backend));

function App({ ctx }: { ctx: ViewContext<LearnState> }) {
  const m = modelOf(ctx);
  // The saved photo is loaded again after a reload; its folder may no longer be readable: then say so.
  useEffect(() => {
    const p = ctx.store.value.photo;
    if (p && !m.photo.value) m.load(p.uri, p.name).catch(() => (m.lost.value = p.name));
  }, []);
  return <LearnApp ctx={ctx} model={m} />;
}

startView({
  kind: 'learn',
  schema: LearnStateSchema,
  defaults: defaultLearnState,
  fromInput: learnInput,
  App,
  // An image the user picked: photo mode learns from it — colour mode from its R, G and B, instead of a 3-D literal —
  // and the run starts over; a broken one leaves all as it was.
  loadImage: (ctx, uri, name, path) => {
    const m = modelOf(ctx);
    m.load(uri, name).then(
      () =>
        ctx.store.update((s) => ({
          ...s,
          photo: { uri, name, path },
          settings:
            s.settings.mode === 'colour'
              ? { ...s.settings, channels: null }
              : {
                  ...s.settings,
                  mode: 'photo',
                  steps: s.settings.mode === 'photo' ? s.settings.steps : STEPS.photo,
                },
          records: [],
          status: 'ready',
        })),
      (e) => (m.error.value = messageOf(e)),
    );
  },
});
