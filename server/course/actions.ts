/** Area `course`: catalogue, series, quizzes, ratings, the 学习 home and 我的学习, discussions. */
import { defineFunction } from '../core';
import { detail, fileUrl, list } from './catalogue';
import { home, myLearning } from './home';
import { quiz, submitQuiz } from './quiz';
import { comments, rate } from './ratings';
import { seriesDetail, seriesList } from './series';
import * as discussion from './discussion';

export const courseFunction = defineFunction({
  name: 'course',
  actions: { list, detail, fileUrl, seriesList, seriesDetail, quiz, submitQuiz, rate, comments, home, myLearning, ...discussion },
});
