/** Area `learning`: progress reports and valid study time (有效学习时长). */
import { defineFunction } from '../core';
import { report } from './report';

export const learningFunction = defineFunction({ name: 'learning', actions: { report } });
