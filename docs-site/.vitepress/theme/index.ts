// Invoke Lab docs theme: VitePress's default theme plus the embeds of the live page:
// <Playground /> (the playground), <Lesson id /> (a lesson with its player), <Quiz set />
// (a quiz set with the running score), <LessonList /> (every lesson, from content/).
import type { Theme } from 'vitepress'
import DefaultTheme from 'vitepress/theme'
import Playground from './Playground.vue'
import Lesson from './Lesson.vue'
import Quiz from './Quiz.vue'
import LessonList from './LessonList.vue'
import './custom.css'

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('Playground', Playground)
    app.component('Lesson', Lesson)
    app.component('Quiz', Quiz)
    app.component('LessonList', LessonList)
  },
} satisfies Theme
