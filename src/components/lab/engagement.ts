import { createContext, useContext } from 'react';

/**
 * Whether the learner has engaged with this lab (pointed at it, focused it, or it was never asked to
 * wait). An embed shows what needs no extra code at once and loads the rest on engagement, so its
 * first load stays small; outside a lab, and in the app, everything counts as engaged.
 */
export const LabEngagedContext = createContext(true);

export const useLabEngaged = () => useContext(LabEngagedContext);
