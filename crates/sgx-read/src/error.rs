//! The error a reader returns when a file cannot be read at all.

/// Why a file could not be read. Each variant names the reason in words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("empty file")]
    Empty,
    #[error("binary content that is not a supported document format")]
    Binary,
    #[error("unsupported format: {0}")]
    Unsupported(String),
    #[error("encrypted: the PDF needs a password")]
    Encrypted,
    #[error("corrupt file: {0}")]
    Corrupt(String),
    #[error("too large: {0}")]
    TooLarge(String),
}
