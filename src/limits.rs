//! Discord's limits, named once, each with the page that states it.
//!
//! The core uses these to validate FAQ entries at load time (so an answer that
//! Discord would refuse is caught by `optout-bot check`, not by a user), and the
//! Discord edge uses them to cap anything it echoes back.

/// Message content. <https://discord.com/developers/docs/resources/message#create-message-jsonform-params>
pub const MESSAGE_CONTENT_MAX_CHARS: usize = 2000;

/// Embed title. <https://discord.com/developers/docs/resources/message#embed-object-embed-limits>
pub const EMBED_TITLE_MAX_CHARS: usize = 256;

/// Embed description. <https://discord.com/developers/docs/resources/message#embed-object-embed-limits>
pub const EMBED_DESCRIPTION_MAX_CHARS: usize = 4096;

/// Embed field value. <https://discord.com/developers/docs/resources/message#embed-object-embed-limits>
pub const EMBED_FIELD_VALUE_MAX_CHARS: usize = 1024;

/// Embed footer text. <https://discord.com/developers/docs/resources/message#embed-object-embed-limits>
pub const EMBED_FOOTER_MAX_CHARS: usize = 2048;

/// All text in all embeds of one message. <https://discord.com/developers/docs/resources/message#embed-object-embed-limits>
pub const EMBED_TOTAL_MAX_CHARS: usize = 6000;

/// Choices in one autocomplete answer. <https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-structure>
pub const AUTOCOMPLETE_MAX_CHOICES: usize = 25;

/// Name and value of an option choice. <https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-choice-structure>
pub const CHOICE_MAX_CHARS: usize = 100;

/// A component's custom id. <https://discord.com/developers/docs/interactions/message-components#button-object-button-structure>
pub const CUSTOM_ID_MAX_CHARS: usize = 100;

/// A button's label. <https://discord.com/developers/docs/interactions/message-components#button-object-button-structure>
pub const BUTTON_LABEL_MAX_CHARS: usize = 80;

/// Buttons in one action row. <https://discord.com/developers/docs/interactions/message-components#action-rows>
pub const BUTTONS_PER_ROW_MAX: usize = 5;

/// Action rows on one message.
/// <https://discord.com/developers/docs/components/reference#action-row>
pub const ACTION_ROWS_MAX: usize = 5;

/// An interaction must get its initial response within this time. <https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction>
pub const INTERACTION_RESPONSE_DEADLINE_MS: u64 = 3000;

/// An interaction's token lasts this long: follow-ups and edits of its response are accepted
/// until then. <https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages>
pub const INTERACTION_TOKEN_LIFETIME_SECS: u64 = 15 * 60;

/// A message's `nonce`. <https://discord.com/developers/docs/resources/message#create-message-jsonform-params>
pub const MESSAGE_NONCE_MAX_CHARS: usize = 25;

/// Publishes (crossposts) per announcement channel in [`CROSSPOST_WINDOW_SECS`].
/// <https://support.discord.com/hc/en-us/articles/360032008192-Announcement-Channels->
pub const CROSSPOSTS_PER_WINDOW_MAX: usize = 10;

/// The window [`CROSSPOSTS_PER_WINDOW_MAX`] counts over: an hour.
pub const CROSSPOST_WINDOW_SECS: i64 = 3600;

/// A slash command's or option's description, in every locale.
/// <https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-structure>
pub const COMMAND_DESCRIPTION_MAX_CHARS: usize = 100;
