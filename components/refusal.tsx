/** What a page shows a signed-in user whose permissions do not include it (the API refuses the data too). */
export function Refusal({ title, message }: { title: string; message: string }) {
  return (
    <section className="card">
      <h1>{title}</h1>
      <p>{message}</p>
    </section>
  );
}
