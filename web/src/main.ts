/** The console's entry: TDesign's base styles, the router, one app. Components are imported per use. */
import { createApp } from 'vue';
import 'tdesign-vue-next/es/style/index.css';
import './global.css';
import App from './App.vue';
import { router } from './router';

createApp(App).use(router).mount('#app');
