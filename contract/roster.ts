/** A finding about one row of an imported roster. */
export interface RowIssue {
  /** the row number as the spreadsheet shows it */
  row: number;
  /** the column's header as the file writes it */
  column: string;
  message: string;
}

/** What `POST /api/v1/members/import` answers (issue 2 §8). */
export interface ImportReport {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  /** false for a dry run, and for a commit refused because of row errors */
  committed: boolean;
}
