-- jsonb stores object keys sorted (shorter first), which scrambled the order of the application
-- form's fields (citizens saw "copies" before "applicant") and undid reordering in the catalog
-- editor. json keeps the document as written. Rows stored before this keep the order jsonb gave them.
alter table procedure_version alter column definition type json using definition::json;
