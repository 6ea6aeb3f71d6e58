import { z } from 'zod';
import { defineAbility } from './define-ability.js';

const deskVoice =
  'You are an experienced IT service-desk agent. You are precise, brief and never invent facts ' +
  'that are not in the ticket; when something is unknown, say so.';

/**
 * `summarise`: a short summary of a ticket for an agent picking it up.
 *
 * @example
 * aiAbilitiesPlugin({ abilities: [summariseAbility] })
 */
export const summariseAbility = defineAbility({
  id: 'summarise',
  title: 'Summarise a ticket',
  description:
    'Summarises a ticket and its notes in a few sentences for an agent picking it up: the problem, ' +
    'what has been tried, where it stands and who is waiting on whom.',
  instructions: deskVoice,
  template:
    'Summarise ticket {{ticket.id}} for an agent picking it up, in at most five sentences: the ' +
    'problem, what has been tried, the current state, and who is waiting on whom.\n\n{{ticket}}',
  maxTokens: 400,
});

/**
 * `draft_reply`: a reply to the requester, for an agent to review before sending.
 *
 * @example
 * aiAbilitiesPlugin({ abilities: [draftReplyAbility] })
 */
export const draftReplyAbility = defineAbility({
  id: 'draft_reply',
  title: 'Draft a reply to the requester',
  description:
    'Drafts a reply to the requester of a ticket, for an agent to review and send (e.g. with ' +
    'add_note as a public note). Polite, plain language, with any next step the requester must take.',
  instructions:
    `${deskVoice} You write replies to requesters in plain, friendly language, with no internal ` +
    'details from private notes.',
  template:
    'Draft the next reply to the requester of ticket {{ticket.id}}. Answer what they last asked, ' +
    'say what happens next, and ask for anything still needed. Write only the reply text.\n\n{{ticket}}',
  maxTokens: 600,
  temperature: 0.4,
});

/**
 * The answer of {@link detectSentimentAbility}.
 *
 * @example
 * sentimentSchema.parse({ sentiment: 'negative', confidence: 0.8, reasons: ['third follow-up'] })
 */
export const sentimentSchema = z.object({
  sentiment: z.enum(['positive', 'neutral', 'negative', 'angry']),
  confidence: z.number().min(0).max(1),
  reasons: z.array(z.string()).max(5),
});

/**
 * `detect_sentiment`: how the requester feels, as JSON (sentiment, confidence, reasons).
 *
 * @example
 * aiAbilitiesPlugin({ abilities: [detectSentimentAbility] })
 */
export const detectSentimentAbility = defineAbility({
  id: 'detect_sentiment',
  title: "Detect the requester's sentiment",
  description:
    "Judges the requester's sentiment on a ticket from their own words: positive, neutral, " +
    'negative or angry, with a confidence from 0 to 1 and up to five short reasons. Use it to ' +
    'spot tickets to escalate or handle with care.',
  instructions:
    `${deskVoice} You judge the sentiment of the requester (not of the agents) from what they ` +
    'wrote in the ticket and in their notes.',
  template: "Judge the requester's sentiment on ticket {{ticket.id}}.\n\n{{ticket}}",
  output: sentimentSchema,
  maxTokens: 300,
  temperature: 0,
});

/**
 * `suggest_next_steps`: concrete next steps for the agent working the ticket.
 *
 * @example
 * aiAbilitiesPlugin({ abilities: [suggestNextStepsAbility] })
 */
export const suggestNextStepsAbility = defineAbility({
  id: 'suggest_next_steps',
  title: 'Suggest next steps',
  description:
    'Suggests the next concrete steps for the agent working a ticket, most useful first: checks ' +
    'to run, questions to ask, who to involve. Use it when a ticket is stuck.',
  instructions: deskVoice,
  template:
    'Suggest up to five concrete next steps for the agent working ticket {{ticket.id}} ' +
    '({{ticket.type}}, {{ticket.priority}}, {{ticket.status}}), most useful first, as a numbered ' +
    'list with one line each.\n\n{{ticket}}',
  maxTokens: 500,
});

/**
 * The four abilities the plugin serves unless told otherwise.
 *
 * @example
 * aiAbilitiesPlugin({ abilities: [...builtInAbilities, myAbility] })
 */
export const builtInAbilities = Object.freeze([
  summariseAbility,
  draftReplyAbility,
  detectSentimentAbility,
  suggestNextStepsAbility,
]);
