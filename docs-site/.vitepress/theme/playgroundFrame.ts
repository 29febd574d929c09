// What <Playground>, <Lesson> and <Quiz> share: one iframe of the built playground page.
//
// Index
//   usePlaygroundFrame(opts)   language, the page's URL, the "are the files there?" check,
//                              the frame's height (from `resize`), and a trusted-message hook
//   playgroundQuery(lang, extra)  the query string the page reads (?embed=1&lang=..&scenario=..)
//
// Trust: a message counts only when it comes from this site's own origin AND from this
// component's own iframe window, with {v:1, type:string}. The docs site serves the playground
// under /playground/, so both share one origin; any other origin, and any other frame on the
// page (a second playground, an ad, a learner's own iframe), is ignored.
import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import { useData, withBase } from 'vitepress'

export type FrameStatus = 'checking' | 'ok' | 'missing'
export type PlaygroundMessage = { v: 1; type: string; [key: string]: unknown }

const MIN_HEIGHT = 240
const MAX_HEIGHT = 4000

export interface FrameOptions {
  height: number                                   // initial height until the page reports its own
  query: (lang: 'ko' | 'en') => Record<string, string>   // extra query parameters (scenario, lesson, quiz)
  onMessage?: (data: PlaygroundMessage) => void    // trusted messages other than `resize`
}

// ?embed=1&lang=ko&lesson=retries: the parameters in the order the page documents them, each
// value URL-encoded; empty values are left out.
export function playgroundQuery(params: Record<string, string>): string {
  return Object.entries(params)
    .filter(([, v]) => v !== '' && v != null)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
}

// GET rather than HEAD: a dev server (and SPA-style hosts) answer any unknown path with
// the docs' own HTML shell and status 200, so the body has to be looked at.
async function playgroundExists(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { cache: 'no-store' })
    if (!res.ok) return false
    const text = await res.text()
    return !/\/@vite\/client|__VP_HASH_MAP__|__VP_SITE_DATA__|vitepress\/dist\/client/.test(text)
  } catch {
    return false
  }
}

export function usePlaygroundFrame(opts: FrameOptions) {
  const { lang } = useData()
  const shortLang = computed<'ko' | 'en'>(() => (lang.value.toLowerCase().startsWith('ko') ? 'ko' : 'en'))
  const isKo = computed(() => shortLang.value === 'ko')

  const pagePath = computed(() => withBase('/playground/index.html'))
  const src = computed(
    () => `${pagePath.value}?${playgroundQuery({ embed: '1', lang: shortLang.value, ...opts.query(shortLang.value) })}`,
  )
  const fullPageHref = computed(
    () => `${pagePath.value}?${playgroundQuery({ lang: shortLang.value, ...opts.query(shortLang.value) })}`,
  )

  const frame: Ref<HTMLIFrameElement | null> = ref(null)
  const frameHeight = ref(opts.height)
  const status = ref<FrameStatus>('checking')

  function onWindowMessage(event: MessageEvent) {
    if (event.origin !== window.location.origin) return
    if (!frame.value || event.source !== frame.value.contentWindow) return
    const data = event.data
    if (!data || typeof data !== 'object' || data.v !== 1 || typeof data.type !== 'string') return
    if (data.type === 'resize') {
      const h = Number(data.height)
      if (Number.isFinite(h)) frameHeight.value = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, h)))
      return
    }
    opts.onMessage?.(data as PlaygroundMessage)
  }

  onMounted(async () => {
    window.addEventListener('message', onWindowMessage)
    status.value = (await playgroundExists(pagePath.value)) ? 'ok' : 'missing'
  })
  onBeforeUnmount(() => window.removeEventListener('message', onWindowMessage))

  // EmbedFrame hands its iframe element back here (a function ref), so only its window is trusted.
  const setFrame = (el: HTMLIFrameElement | null) => { frame.value = el }

  return { shortLang, isKo, src, fullPageHref, frame, setFrame, frameHeight, status }
}
