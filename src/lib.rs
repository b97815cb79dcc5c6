//! optout-bot: answers questions about opting out of LinkedIn's generative-AI training.
