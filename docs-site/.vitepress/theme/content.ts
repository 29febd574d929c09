// The lessons and quiz sets of content/, as the docs components see them.
//
// Index
//   lessonIds() / lesson(id)      content/lessons/index.json order, one lesson's summary
//   quizSetIds() / quizSet(id)    content/quizzes/index.json order, one quiz set's summary
//   localized(text, lang)         {ko, en} → the page's language (falls back to the other one)
//
// The data comes from content.data.mts, a VitePress loader that reads the JSON files when the
// docs build (one source of truth: nothing here is typed by hand, and a lesson added to
// content/ appears on the next build).
import { data } from './content.data.mts'

export type Lang = 'ko' | 'en'
export type Localized = { ko?: string; en?: string }

export interface LessonSummary {
  id: string
  title: Localized
  minutes: number
  topics: { ko?: string[]; en?: string[] }
  notes: string[]
  steps: { id: string; title: Localized; checked: boolean }[]
}
export interface QuizSetSummary {
  id: string
  title: Localized
  items: { id: string; kind: string; topic: string }[]
}
export interface ContentSummary {
  lessons: LessonSummary[]
  quizzes: QuizSetSummary[]
  problems: string[]
}

export function lessonIds(): string[] {
  return data.lessons.map((l) => l.id)
}
export function lesson(id: string): LessonSummary | undefined {
  return data.lessons.find((l) => l.id === id)
}
export function quizSetIds(): string[] {
  return data.quizzes.map((q) => q.id)
}
export function quizSet(id: string): QuizSetSummary | undefined {
  return data.quizzes.find((q) => q.id === id)
}

export function localized(text: Localized | undefined, lang: Lang): string {
  if (!text) return ''
  return text[lang] ?? text[lang === 'ko' ? 'en' : 'ko'] ?? ''
}
