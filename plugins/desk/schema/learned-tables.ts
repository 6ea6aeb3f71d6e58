// The tables behind search that learns from resolutions (migrations 0010 and 0011).

/** Which tickets' public notes mention which article: what its learned text is built from. */
export interface DeskKbArticleTicketsTable {
  article_id: number;
  ticket_id: number;
}

/** Which later ticket's note refers to which earlier ticket of the same organisation. */
export interface DeskTicketLinksTable {
  /** The earlier ticket, referred to. */
  ticket_id: number;
  /** The later ticket whose note refers to it. */
  from_ticket_id: number;
}

/**
 * Words a ticket learned from the later solved tickets of its organisation that refer to it
 * (migration 0011): their summaries, newest first, bounded. Only tickets with such words have a row.
 */
export interface DeskTicketLearnedTable {
  ticket_id: number;
  learned_text: string;
}
