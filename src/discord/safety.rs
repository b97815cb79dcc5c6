//! What keeps the bot from pinging people: no mentions unless a reply asks for them. (User
//! text is made safe to quote by [`crate::app::escape`].)

use serenity::all::CreateAllowedMentions;

/// Mentions nobody: no `@everyone`/`@here`, no roles, no users. The framework-wide default,
/// and what every message the bot sends itself carries.
pub fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new().everyone(false).all_users(false).all_roles(false)
}

/// No mentions, except that a reply notifies the author of the message it replies to: the
/// person who asked (or, for "Answer with FAQ", the person whose question is answered).
pub fn reply_mentions() -> CreateAllowedMentions {
    no_mentions().replied_user(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_mentions_serializes_to_an_empty_parse_list() {
        let json = serde_json::to_value(no_mentions()).unwrap();
        assert_eq!(json["parse"], serde_json::json!([]), "{json}");
        assert_eq!(json["users"], serde_json::json!([]), "{json}");
        assert_eq!(json["roles"], serde_json::json!([]), "{json}");
        let reply = serde_json::to_value(reply_mentions()).unwrap();
        assert_eq!(reply["parse"], serde_json::json!([]), "{reply}");
        assert_eq!(reply["replied_user"], serde_json::json!(true), "{reply}");
    }
}
