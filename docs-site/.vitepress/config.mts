// Invoke Lab documentation site (VitePress 1.6).
//
// Index
//   base               from INVOKELAB_DOCS_BASE (default '/'), e.g. '/invoke-lab/' on a project page
//   koreanTokenize     the MiniSearch tokenizer: Hangul runs as character bigrams + the whole run
//   locales            Korean at the root (ko-KR), English under /en/
//   sidebars / navs    one per locale, same shape, so the two trees stay mirrors
//   lessonItems        the lesson pages, in content/lessons/index.json order, titled from the JSON
//
// Why a custom tokenizer: MiniSearch splits on spaces and punctuation only, so "재시도는"
// (retry + topic particle) is one term and a search for "재시도" misses it unless it
// happens to be a prefix. Bigrams make every two-syllable piece of a word findable.
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig, type DefaultTheme } from 'vitepress'

const base = process.env.INVOKELAB_DOCS_BASE || '/'

// Must stay self-contained: VitePress ships themeConfig functions to the browser as their
// source text (serializeFunctions → new Function), so no references to anything outside.
const koreanTokenize = (text: string): string[] => {
  const hangul = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]+/g
  const tokens: string[] = []
  for (const word of text.split(/[\n\r\p{Z}\p{P}]+/u)) {
    if (!word) continue
    const runs = word.match(hangul)
    if (!runs) { tokens.push(word); continue }
    const latin = word.replace(hangul, ' ').split(' ').filter(Boolean)
    for (const l of latin) tokens.push(l)              // "DLQ로" keeps "DLQ"
    for (const run of runs) {
      if (run.length === 1) {
        // a lone syllable: a word of its own ("큐"), or a particle glued to Latin ("로")
        if (run === word) tokens.push(run)
        continue
      }
      tokens.push(run)                                  // the whole run, for exact hits
      for (let i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2))
    }
  }
  return tokens
}

function sidebarKo(): DefaultTheme.Sidebar {
  return {
    '/tutorial/': [{ text: '튜토리얼', items: tutorialItems('', ko) }],
    '/guide/': [{ text: '모듈 집중 강좌', items: guideItems('', ko) }],
    '/reference/': [{ text: '레퍼런스', items: referenceItems('', ko) }],
    '/lessons/': [{ text: '레슨', items: lessonItems('', 'ko') }],
    '/': [
      { text: '시작하기', items: [{ text: '소개', link: '/' }, { text: '플레이그라운드', link: '/playground' }] },
      { text: '레슨', collapsed: false, items: lessonItems('', 'ko') },
      { text: '튜토리얼', collapsed: false, items: tutorialItems('', ko) },
      { text: '레퍼런스', collapsed: true, items: referenceItems('', ko) },
    ],
  }
}

function sidebarEn(): DefaultTheme.Sidebar {
  return {
    '/en/tutorial/': [{ text: 'Tutorial', items: tutorialItems('/en', en) }],
    '/en/guide/': [{ text: 'Crash course by module', items: guideItems('/en', en) }],
    '/en/reference/': [{ text: 'Reference', items: referenceItems('/en', en) }],
    '/en/lessons/': [{ text: 'Lessons', items: lessonItems('/en', 'en') }],
    '/en/': [
      { text: 'Getting started', items: [{ text: 'Introduction', link: '/en/' }, { text: 'Playground', link: '/en/playground' }] },
      { text: 'Lessons', collapsed: false, items: lessonItems('/en', 'en') },
      { text: 'Tutorial', collapsed: false, items: tutorialItems('/en', en) },
      { text: 'Reference', collapsed: true, items: referenceItems('/en', en) },
    ],
  }
}

const ko = {
  tutorial: ['시작: 이 튜토리얼 읽는 법', '1. 동기와 비동기: 누가 기다리나', '2. 비동기 재시도', '3. 데드 레터 큐(DLQ)', '4. 로그 읽기', '5. 자주 하는 오해'],
  guide: ['개요', 'core/sim: 시계와 스케줄러', 'core/shell: 명령 해석기', 'core/lambda: 호출 경로', 'core/services: SQS·SNS·IAM·Logs', 'wasm: 브라우저 앱과 ImGui 뷰', 'web: 페이지와 임베드 API', '학습 계층: 시나리오·레슨·퀴즈'],
  reference: ['lab 명령', '시뮬레이터의 선택 (UNCONFIRMED 항목)'],
}
const en = {
  tutorial: ['Start: how to read this tutorial', '1. Sync vs async: who waits', '2. Async retries', '3. The dead-letter queue (DLQ)', '4. Reading the logs', '5. Common confusions'],
  guide: ['Overview', 'core/sim: clock and scheduler', 'core/shell: the command interpreter', 'core/lambda: invocation paths', 'core/services: SQS, SNS, IAM, Logs', 'wasm: the browser app and ImGui views', 'web: the page and the embed API', 'The learning layer: scenarios, lessons, quizzes'],
  reference: ['lab commands', 'Simulator choices (UNCONFIRMED items)'],
}

function tutorialItems(prefix: string, t: typeof ko) {
  const pages = ['', 'sync-vs-async', 'async-retries', 'dlq', 'logs', 'confusions']
  return pages.map((p, i) => ({ text: t.tutorial[i], link: `${prefix}/tutorial/${p}` }))
}
function guideItems(prefix: string, t: typeof ko) {
  const pages = ['', 'sim', 'shell', 'lambda', 'services', 'wasm', 'web', 'learn']
  return pages.map((p, i) => ({ text: t.guide[i], link: `${prefix}/guide/${p}` }))
}
// Read when the config loads (Node): the lesson list and titles come from content/, the one
// source of truth. A lesson listed in index.json but missing its file is left out here (the
// docs-embed browser test fails on a lesson without pages).
const contentDir = fileURLToPath(new URL('../../content/lessons/', import.meta.url))
function readLessons(): { id: string; title: { ko?: string; en?: string } }[] {
  try {
    const index = JSON.parse(fs.readFileSync(contentDir + 'index.json', 'utf8')) as { lessons?: string[] }
    return (index.lessons ?? []).flatMap((id) => {
      try {
        const l = JSON.parse(fs.readFileSync(`${contentDir}${id}.json`, 'utf8'))
        return [{ id, title: l.title ?? {} }]
      } catch {
        return []
      }
    })
  } catch {
    return []                                   // no content/ yet: no lesson entries
  }
}
const lessons = readLessons()
function lessonItems(prefix: string, lang: 'ko' | 'en') {
  const all = { ko: '모든 레슨', en: 'All lessons' }[lang]
  return [
    { text: all, link: `${prefix}/lessons/` },
    ...lessons.map((l, i) => ({ text: `${i + 1}. ${l.title[lang] ?? l.title.ko ?? l.id}`, link: `${prefix}/lessons/${l.id}` })),
  ]
}
function referenceItems(prefix: string, t: typeof ko) {
  const pages = ['lab-commands', 'decisions']
  return pages.map((p, i) => ({ text: t.reference[i], link: `${prefix}/reference/${p}` }))
}

export default defineConfig({
  base,
  title: 'Invoke Lab',
  cleanUrls: false,
  lastUpdated: false,
  srcExclude: ['**/README.md'],
  head: [['meta', { name: 'theme-color', content: '#ff9900' }]],

  locales: {
    root: {
      label: '한국어',
      lang: 'ko-KR',
      description: 'AWS Lambda의 동기·비동기 호출, 재시도, DLQ, 로그를 브라우저에서 직접 보는 실습장',
      themeConfig: {
        nav: [
          { text: '플레이그라운드', link: '/playground' },
          { text: '레슨', link: '/lessons/' },
          { text: '튜토리얼', link: '/tutorial/' },
          { text: '모듈 강좌', link: '/guide/' },
          { text: '레퍼런스', items: referenceItems('', ko) },
        ],
        sidebar: sidebarKo(),
        outline: { label: '이 페이지에서', level: [2, 3] },
        docFooter: { prev: '이전', next: '다음' },
        darkModeSwitchLabel: '다크 모드',
        lightModeSwitchTitle: '밝은 테마로',
        darkModeSwitchTitle: '어두운 테마로',
        sidebarMenuLabel: '메뉴',
        returnToTopLabel: '맨 위로',
        langMenuLabel: '언어 바꾸기',
        notFound: {
          title: '페이지를 찾을 수 없습니다',
          quote: '주소가 바뀌었거나 아직 쓰이지 않은 페이지입니다.',
          linkLabel: '처음으로',
          linkText: '처음으로 돌아가기',
        },
      },
    },
    en: {
      label: 'English',
      lang: 'en-US',
      link: '/en/',
      description: 'Watch AWS Lambda sync and async invocation, retries, DLQ and logs in your browser',
      themeConfig: {
        nav: [
          { text: 'Playground', link: '/en/playground' },
          { text: 'Lessons', link: '/en/lessons/' },
          { text: 'Tutorial', link: '/en/tutorial/' },
          { text: 'Crash course', link: '/en/guide/' },
          { text: 'Reference', items: referenceItems('/en', en) },
        ],
        sidebar: sidebarEn(),
        outline: { label: 'On this page', level: [2, 3] },
      },
    },
  },

  themeConfig: {
    search: {
      provider: 'local',
      options: {
        miniSearch: {
          options: { tokenize: koreanTokenize },
          searchOptions: { tokenize: koreanTokenize, prefix: true, fuzzy: 0.2, combineWith: 'OR' },
        },
        locales: {
          root: {
            translations: {
              button: { buttonText: '검색', buttonAriaLabel: '문서 검색' },
              modal: {
                displayDetails: '자세히 보기',
                resetButtonTitle: '검색어 지우기',
                backButtonTitle: '검색 닫기',
                noResultsText: '결과가 없습니다',
                footer: {
                  selectText: '선택',
                  selectKeyAriaLabel: '엔터',
                  navigateText: '이동',
                  navigateUpKeyAriaLabel: '위 화살표',
                  navigateDownKeyAriaLabel: '아래 화살표',
                  closeText: '닫기',
                  closeKeyAriaLabel: 'Esc',
                },
              },
            },
          },
        },
      },
    },
  },
})
