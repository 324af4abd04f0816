"""Coordination meetings: scheduling against the region's rules, conveners, invitations (the
undangan), answers, attendance and the minutes' files."""
