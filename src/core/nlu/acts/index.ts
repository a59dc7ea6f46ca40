/** Dialog acts: yes/no as people type them, and the moves that interrupt a step (see each module). */
export { compact, isAffirm, isDeny } from './confirm.ts';
export { hasCorrectionCue, isCancelRequest, isDropHandoff, isHumanRequest, isQuestionForm, isSupervisorRequest, isVenting, isWaitQuery } from './interrupt.ts';
