"""Strings of the login page, the sidebar account box and the admin page."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "page.login": {"sv": "Logga in", "en": "Log in"},
    "page.admin": {"sv": "Administration", "en": "Administration"},
    "auth.title": {"sv": "Logga in", "en": "Log in"},
    "auth.intro": {
        "sv": "EST Geo:s interna delar är till för EST-gruppens medlemmar. Logga in med "
        "ditt konto.",
        "en": "The internal parts of EST Geo are for the members of the EST group. Log in "
        "with your account.",
    },
    "auth.username": {"sv": "Användarnamn", "en": "Username"},
    "auth.password": {"sv": "Lösenord", "en": "Password"},
    "auth.submit": {"sv": "Logga in", "en": "Log in"},
    "auth.failed": {
        "sv": "Fel användarnamn eller lösenord, eller kontot är avstängt.",
        "en": "Wrong username or password, or the account is disabled.",
    },
    "auth.throttled": {
        "sv": "För många misslyckade inloggningar för kontot. Vänta {minutes} minuter och "
        "försök igen, eller be en administratör om hjälp.",
        "en": "Too many failed logins for this account. Wait {minutes} minutes and try "
        "again, or ask an administrator for help.",
    },
    "auth.oidc_button": {
        "sv": "Logga in med organisationens konto",
        "en": "Log in with your organisation's account",
    },
    "auth.or_local": {"sv": "eller med ett lokalt konto", "en": "or with a local account"},
    "auth.logout": {"sv": "Logga ut", "en": "Log out"},
    "auth.logged_in_as": {"sv": "Inloggad som", "en": "Logged in as"},
    "auth.demo_badge": {"sv": "Demokonto", "en": "Demo account"},
    "auth.demo_title": {"sv": "Prova med ett demokonto", "en": "Try a demo account"},
    "auth.demo_intro": {
        "sv": "Databasen innehåller bara fiktiva demodata. Välj en roll för att se vad den "
        "rollen ser – inget lösenord behövs. Demokonton finns aldrig på riktiga data.",
        "en": "The database holds fictitious demo data only. Pick a role to see what it "
        "sees – no password needed. Demo accounts never exist on real data.",
    },
    "auth.demo_button": {"sv": "Demokonto: {role}", "en": "Demo account: {role}"},
    "auth.demo_ended": {
        "sv": "Demoläget är avslutat: riktiga data har importerats, så demokontona finns "
        "inte längre. Logga in med ett eget konto (en administratör skapar det med "
        "`est-geo user add`).",
        "en": "Demo mode has ended: real data was imported, so the demo accounts no longer "
        "exist. Log in with your own account (an administrator creates it with "
        "`est-geo user add`).",
    },
    "auth.expired": {
        "sv": "Din inloggning har gått ut. Logga in igen.",
        "en": "Your login has expired. Please log in again.",
    },
    "auth.expired_oidc": {
        "sv": "Din inloggning har gått ut. Logga ut och in igen med organisationens konto.",
        "en": "Your login has expired. Log out and in again with your organisation's account.",
    },
    "auth.account_gone": {
        "sv": "Kontot är avstängt eller borttaget; du har loggats ut.",
        "en": "The account is disabled or removed; you have been logged out.",
    },
    "auth.password_changed": {
        "sv": "Lösenordet har ändrats; du har loggats ut. Logga in med det nya lösenordet.",
        "en": "The password has been changed; you have been logged out. Log in with the new one.",
    },
    "auth.no_access": {
        "sv": "Du är inloggad hos identitetsleverantören men har ingen roll i EST Geo. Be "
        "en administratör om behörighet.",
        "en": "You are logged in at the identity provider but have no role in EST Geo. Ask "
        "an administrator for access.",
    },
    "auth.oidc_logout": {
        "sv": "Logga ut från identitetsleverantören",
        "en": "Log out from the identity provider",
    },
    "auth.no_accounts": {
        "sv": "Inga konton är upplagda ännu. En administratör skapar konton med "
        "`est-geo user add` (se docs/auth.md).",
        "en": "No accounts exist yet. An administrator creates them with `est-geo user add` "
        "(see docs/auth.md).",
    },
    "auth.public_link": {
        "sv": "Utan inloggning kan du se den publika översikten och om-sidan.",
        "en": "Without logging in you can see the public overview and the about page.",
    },
    "admin.title": {"sv": "Administration", "en": "Administration"},
    "admin.tab.users": {"sv": "Användare och roller", "en": "Users and roles"},
    "admin.tab.audit": {"sv": "Ändringslogg", "en": "Audit trail"},
    "admin.users.none": {"sv": "Inga konton ännu.", "en": "No accounts yet."},
    "admin.col.username": {"sv": "Användare", "en": "User"},
    "admin.col.name": {"sv": "Namn", "en": "Name"},
    "admin.col.role": {"sv": "Roll", "en": "Role"},
    "admin.col.status": {"sv": "Status", "en": "Status"},
    "admin.col.password": {"sv": "Lösenord", "en": "Password"},
    "admin.col.last_login": {"sv": "Senaste inloggning", "en": "Last login"},
    "admin.status.active": {"sv": "aktiv", "en": "active"},
    "admin.status.disabled": {"sv": "avstängd", "en": "disabled"},
    "admin.password.local": {"sv": "lokalt", "en": "local"},
    "admin.password.idp": {"sv": "bara IdP", "en": "IdP only"},
    "admin.add.header": {"sv": "Nytt konto", "en": "New account"},
    "admin.add.password_help": {
        "sv": "Minst 10 tecken. Lämna tomt för ett konto som bara loggar in via "
        "identitetsleverantören (användarnamnet är då e-postadressen).",
        "en": "At least 10 characters. Leave empty for an account that only logs in through "
        "the identity provider (the username is then the e-mail address).",
    },
    "admin.add.submit": {"sv": "Skapa konto", "en": "Create account"},
    "admin.add.done": {"sv": "Kontot {user} skapades.", "en": "Account {user} created."},
    "admin.edit.header": {"sv": "Ändra konto", "en": "Change account"},
    "admin.edit.user": {"sv": "Konto", "en": "Account"},
    "admin.edit.new_password": {
        "sv": "Nytt lösenord (tomt = oförändrat)",
        "en": "New password (empty = unchanged)",
    },
    "admin.edit.disabled": {"sv": "Avstängt", "en": "Disabled"},
    "admin.edit.submit": {"sv": "Spara ändringar", "en": "Save changes"},
    "admin.edit.done": {"sv": "Kontot {user} ändrades.", "en": "Account {user} changed."},
    "admin.edit.self_lockout": {
        "sv": "Du kan inte stänga av ditt eget konto eller ta bort din egen adminroll.",
        "en": "You cannot disable your own account or remove your own admin role.",
    },
    "admin.demo_note": {
        "sv": "Du är inloggad med ett demokonto: ändringar här sparas i demodatabasen.",
        "en": "You are using a demo account: changes here are saved in the demo database.",
    },
    "admin.audit.user": {"sv": "Vem", "en": "Who"},
    "admin.audit.entity": {"sv": "Vad", "en": "What"},
    "admin.audit.action": {"sv": "Handling", "en": "Action"},
    "admin.audit.dates": {"sv": "Period", "en": "Period"},
    "admin.audit.search": {"sv": "Sök i före/efter", "en": "Search before/after"},
    "admin.audit.shown": {
        "sv": "{shown} av {total} poster (de senaste {limit} läses).",
        "en": "{shown} of {total} entries (the latest {limit} are read).",
    },
    "admin.audit.col.at": {"sv": "När (UTC)", "en": "When (UTC)"},
    "admin.audit.col.id": {"sv": "Id", "en": "Id"},
    "admin.audit.col.before": {"sv": "Före", "en": "Before"},
    "admin.audit.col.after": {"sv": "Efter", "en": "After"},
    "admin.error.login": {"sv": "Logga in som administratör.", "en": "Log in as an administrator."},
    "admin.error.no_accounts": {
        "sv": "Den här databastypen har ännu inga lokala konton.",
        "en": "This type of database has no local accounts yet.",
    },
    # -- accounts and permissions (est_geo.access) --------------------------------------
    "accounts.username.empty": {"sv": "får inte vara tomt", "en": "must not be empty"},
    "accounts.username.too_long": {"sv": "för långt", "en": "too long"},
    "accounts.username.spaces": {
        "sv": "får inte innehålla mellanslag eller styrtecken",
        "en": "must not contain spaces or control characters",
    },
    "accounts.password.short": {
        "sv": "måste ha minst {n} tecken",
        "en": "must have at least {n} characters",
    },
    "accounts.password.long": {
        "sv": "får ha högst {n} tecken",
        "en": "may have at most {n} characters",
    },
    "accounts.password.summary": {"sv": "Ogiltigt lösenord", "en": "Invalid password"},
    "accounts.role.unknown": {
        "sv": "okänd roll (tillåtna: {known})",
        "en": "unknown role (allowed: {known})",
    },
    "accounts.create.summary": {
        "sv": "Kan inte skapa användaren",
        "en": "Cannot create the user",
    },
    "accounts.no_such_user": {
        "sv": "Användaren '{user}' finns inte.",
        "en": "The user '{user}' does not exist.",
    },
    "accounts.login.failed": {
        "sv": "Fel användarnamn eller lösenord, eller kontot är avstängt.",
        "en": "Wrong username or password, or the account is disabled.",
    },
    "accounts.login.throttled_account": {
        "sv": "För många misslyckade inloggningar för kontot. Vänta {n} minuter och försök "
        "igen, eller be en administratör om hjälp.",
        "en": "Too many failed logins for the account. Wait {n} minutes and try again, or "
        "ask an administrator for help.",
    },
    "accounts.login.throttled_source": {
        "sv": "För många misslyckade inloggningar härifrån. Vänta {n} minuter och försök "
        "igen, eller be en administratör om hjälp.",
        "en": "Too many failed logins from here. Wait {n} minutes and try again, or ask an "
        "administrator for help.",
    },
    "roles.denied": {
        "sv": "Rollen '{role}' får inte utföra '{action}'.",
        "en": "The role '{role}' may not do '{action}'.",
    },
    "disclosure.unknown_kind": {
        "sv": "Okänd periodtyp '{kind}'. Välj en av: {known}.",
        "en": "Unknown kind of period '{kind}'. Choose one of: {known}.",
    },
    "disclosure.not_a_start": {
        "sv": "{start} är inte början på en {kind}.",
        "en": "{start} is not the start of a {kind}.",
    },
    "auth.error.no_local_accounts": {
        "sv": "Den här databasen har inga lokala konton.",
        "en": "This database has no local accounts.",
    },
    "auth.error.demo_only": {
        "sv": "Demokonton finns bara på demodata.",
        "en": "Demo accounts exist only on demo data.",
    },
}
