"""Who may do what: roles, accounts, the audit log and the browser login."""
