/** Deploy unit `webConsole`: the routing and the domain code live in server/webConsole. */
import { webConsoleFunction } from '../../server/webConsole/actions';

export const main = webConsoleFunction.main;
