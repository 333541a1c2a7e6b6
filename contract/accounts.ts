/** One line of the printable sheet handed to members (党员账号): the password appears here and nowhere else. */
export interface AccountSheetRow {
  memberId: number;
  userId: number;
  memberName: string;
  orgName: string;
  username: string;
  oneTimePassword: string;
  expiresAt: string;
}

/** A member for whom no account was made, and why. */
export interface SkippedMember {
  memberId: number;
  memberName: string;
  reason: string;
}
