// The terminal lines that deploy Python code, as the code editor and the lesson player run them
// (so sessions and share links replay a deploy): write the file, zip it, update the function.
// Small on purpose: lessons.js imports it without loading the editor or the Python runtime.

export function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function deployLines(fn, text) {
  return [
    `lab code put lambda_function.py ${base64url(text)}`,
    'zip function.zip lambda_function.py',
    `aws lambda update-function-code --function-name ${fn} --zip-file fileb://function.zip`,
  ];
}
