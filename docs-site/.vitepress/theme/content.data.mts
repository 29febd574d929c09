// Build-time data loader: the parts of content/lessons/*.json and content/quizzes/*.json
// the docs show (titles, lengths, topics, step titles, item ids), read when the docs build.
// Only this summary reaches the browser bundle; the step texts, scenarios and answer specs
// stay in the JSON, where the playground reads them. Files listed in an index.json but
// missing (or not valid JSON) are left out; `problems` says which, for the build log.
import fs from 'node:fs'
import path from 'node:path'
import { defineLoader } from 'vitepress'
import type { ContentSummary, LessonSummary, QuizSetSummary } from './content'

declare const data: ContentSummary
export { data }

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'))
}

export default defineLoader({
  watch: ['../../../content/lessons/*.json', '../../../content/quizzes/*.json'],
  load(files: string[]): ContentSummary {
    const problems: string[] = []
    const byDir = (dir: string) => new Map(files.filter((f) => path.basename(path.dirname(f)) === dir).map((f) => [path.basename(f, '.json'), f]))
    const lessonFiles = byDir('lessons')
    const quizFiles = byDir('quizzes')

    function ordered(map: Map<string, string>, key: 'lessons' | 'sets'): string[] {
      const indexFile = map.get('index')
      if (!indexFile) return []
      try {
        const ids = readJson(indexFile)[key]
        return Array.isArray(ids) ? ids.filter((id: unknown) => typeof id === 'string') : []
      } catch (e) {
        problems.push(`${indexFile}: ${(e as Error).message}`)
        return []
      }
    }

    const lessons: LessonSummary[] = []
    for (const id of ordered(lessonFiles, 'lessons')) {
      const file = lessonFiles.get(id)
      if (!file) { problems.push(`content/lessons/${id}.json is listed but missing`); continue }
      try {
        const l = readJson(file)
        lessons.push({
          id,
          title: l.title ?? {},
          minutes: Number(l.minutes) || 0,
          topics: l.topics ?? {},
          notes: Array.isArray(l.notes) ? l.notes : [],
          steps: (Array.isArray(l.steps) ? l.steps : []).map((s: any) => ({ id: String(s.id), title: s.title ?? {}, checked: !!s.check })),
        })
      } catch (e) {
        problems.push(`${file}: ${(e as Error).message}`)
      }
    }
    const quizzes: QuizSetSummary[] = []
    for (const id of ordered(quizFiles, 'sets')) {
      const file = quizFiles.get(id)
      if (!file) { problems.push(`content/quizzes/${id}.json is listed but missing`); continue }
      try {
        const q = readJson(file)
        quizzes.push({
          id,
          title: q.title ?? {},
          items: (Array.isArray(q.items) ? q.items : []).map((i: any) => ({ id: String(i.id), kind: String(i.kind), topic: String(i.topic ?? '') })),
        })
      } catch (e) {
        problems.push(`${file}: ${(e as Error).message}`)
      }
    }
    for (const p of problems) console.warn(`[invokelab docs] ${p}`)
    return { lessons, quizzes, problems }
  },
})
