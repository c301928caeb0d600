import Link from "next/link";

/**
 * The same words whether the record never existed or belongs to another clinic:
 * the page must not tell the two apart.
 */
export function NotFound({ what }: { what: "patient" | "referral" }) {
  return (
    <section className="card not-found" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{what === "patient" ? "Patient not found" : "Referral not found"}</h1>
      <p>
        There is no {what} at this address in your clinic. Check the link, or find the {what} from the{" "}
        <Link href={what === "patient" ? "/patients" : "/referrals"}>{what === "patient" ? "patient list" : "referral history"}</Link>.
      </p>
    </section>
  );
}
