/** The Slack adapter's public surface (the only place that imports @slack/bolt is this folder). */
export { createSlackReceiver, startSlack, type SlackHandle, type SlackHost, type StartSlackOptions } from './start.ts';
export { FastifyReceiver, slackRoutes, SLACK_PATHS } from './receiver.ts';
export { COMMAND } from './commands.ts';
