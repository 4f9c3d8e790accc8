-- Free-form apartment codes (issue 16): any short text such as "Whg 117", 1 to 32 characters, no leading or
-- trailing blank, no control character and no slash (codes appear in URLs as one path segment).
ALTER TABLE apartment DROP CONSTRAINT apartment_code_check;
ALTER TABLE apartment ADD CONSTRAINT apartment_code_check CHECK (
    length(code) BETWEEN 1 AND 32 AND code = btrim(code) AND code !~ '[[:cntrl:]/]');
