//! What the readers share. Readers (`html`, `docx`, `pdf`, `text`) import from here and never
//! from one another; nothing here imports a reader.
//!
//! - [`text_builder`]: building, appending, splitting and trimming [`sgx_ir::Text`];
//! - [`numbering`]: list numbers as letters (HTML's and Word's schemes) and Roman numerals;
//! - [`lists`]: nesting a flat run of list items by level;
//! - [`table_grid`]: the caps every reader's table grid is held to;
//! - [`html_grid`]: the WHATWG table model, placing an HTML `<table>`'s cells on the grid
//!   (HTML pages, and HTML tables inside converter text);
//! - [`table_repair`]: rows broken by page breaks (converter text, PDF).

pub mod html_grid;
pub mod lists;
pub mod numbering;
pub mod table_grid;
pub mod table_repair;
pub mod text_builder;
