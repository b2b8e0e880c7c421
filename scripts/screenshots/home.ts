import type { Shot } from '../screenshots';

export const shots: readonly Shot[] = [
  { file: 'sign-in.png', as: null, path: '/console/sign-in', wait: 'img[data-login-id]' },
  { file: 'home-admin.png', as: 'demo-admin', path: '/console/', wait: '[data-testid="attention"]' },
  { file: 'home-trainer.png', as: 'demo-trainer', path: '/console/', wait: '[data-testid="attention"]' },
  { file: 'home-reviewer.png', as: 'demo-reviewer', path: '/console/', wait: '[data-testid="attention"]' },
];
