//! Who may use moderator tools.
//!
//! Discord's default command permissions are only a first filter (a server admin
//! can change them), so the edge calls [`is_moderator`] on every moderator action
//! and every button press.

/// `MANAGE_GUILD` ("Manage Server"). <https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags>
pub const MANAGE_GUILD: u64 = 1 << 5;

/// `ADMINISTRATOR`. <https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags>
///
/// Discord grants every permission to administrators, and the permissions it
/// sends with an interaction are already computed that way; counting the bit
/// here too keeps the rule right when a caller passes raw role permissions.
pub const ADMINISTRATOR: u64 = 1 << 3;

/// True when the member may use moderator tools: they have Manage Server (or
/// Administrator), or hold one of the roles the config lists as moderator roles.
///
/// `permissions` is the member's permission bits (an interaction's
/// `member.permissions`), `member_roles` their role ids, `moderator_roles` the
/// config's list.
pub fn is_moderator(permissions: u64, member_roles: &[u64], moderator_roles: &[u64]) -> bool {
    permissions & (MANAGE_GUILD | ADMINISTRATOR) != 0 || member_roles.iter().any(|role| moderator_roles.contains(role))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEND_MESSAGES: u64 = 1 << 11;
    const MANAGE_MESSAGES: u64 = 1 << 13;

    struct Case {
        name: &'static str,
        permissions: u64,
        roles: &'static [u64],
        moderator_roles: &'static [u64],
        expected: bool,
    }

    const fn case(
        name: &'static str,
        permissions: u64,
        roles: &'static [u64],
        moderator_roles: &'static [u64],
        expected: bool,
    ) -> Case {
        Case { name, permissions, roles, moderator_roles, expected }
    }

    #[test]
    fn moderator_rule() {
        let cases = [
            case("no permissions, no roles", 0, &[], &[], false),
            case("manage server alone", MANAGE_GUILD, &[], &[], true),
            case("manage server among others", MANAGE_GUILD | SEND_MESSAGES, &[1], &[2], true),
            case("administrator", ADMINISTRATOR, &[], &[], true),
            case("manage messages is not enough", MANAGE_MESSAGES | SEND_MESSAGES, &[], &[], false),
            case("listed role", SEND_MESSAGES, &[10, 20], &[20], true),
            case("unlisted roles", SEND_MESSAGES, &[10, 30], &[20, 40], false),
            case("config lists roles, member has none", SEND_MESSAGES, &[], &[20], false),
            case("member has roles, config lists none", SEND_MESSAGES, &[20], &[], false),
            case("every bit but manage server and administrator", !(MANAGE_GUILD | ADMINISTRATOR), &[], &[], false),
        ];
        for c in cases {
            assert_eq!(
                is_moderator(c.permissions, c.roles, c.moderator_roles),
                c.expected,
                "{}: expected is_moderator = {}",
                c.name,
                c.expected
            );
        }
    }
}
