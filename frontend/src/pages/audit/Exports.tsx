/**
 * The audit's files as downloads: real links (an anchor with `download` and a Blob URL), so the browser saves them
 * under their names and a keyboard or a screen reader reaches them like any link. URLs are released when the run
 * they belong to is replaced.
 */
import { useEffect, useState } from "react";
import { useT } from "../../i18n.tsx";
import { Empty, Section, ScrollArea } from "../../ui/kit.tsx";
import { messages } from "./messages.ts";
import { auditFiles, type AuditFile } from "@disco-ledger/sdk/audit";
import type { AuditRun } from "./run.ts";

type Linked = AuditFile & { url: string };
interface Files {
  report: Linked[];
  tables: Array<{ csv: Linked; json: Linked; rows: number; name: string }>;
  books: Linked[];
}

export function Exports({ run }: { run: AuditRun | undefined }) {
  const t = useT(messages);
  const [files, setFiles] = useState<Files>();
  // URLs are made in the effect that releases them, so a remount (React's strict mode does one) makes fresh ones.
  useEffect(() => {
    if (!run) {
      setFiles(undefined);
      return;
    }
    const urls: string[] = [];
    const link = (f: AuditFile): Linked => {
      const url = URL.createObjectURL(new Blob([f.text], { type: f.type }));
      urls.push(url);
      return { ...f, url };
    };
    const all = auditFiles(run.report, run.tables);
    setFiles({
      report: all.report.map(link),
      tables: all.tables.map((f, i) => ({
        csv: link(f.csv),
        json: link(f.json),
        rows: run.tables[i].rows.length,
        name: run.tables[i].name,
      })),
      books: all.books.map(link),
    });
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [run]);

  return (
    <Section title={t("exportsTitle")}>
      <p>{t("exportsIntro")}</p>
      {!files ? (
        <Empty>{t("exportsWaiting")}</Empty>
      ) : (
        <>
          <div className="row downloads">
            <span>{t("report")}:</span>
            {files.report.map((f) => (
              <a
                key={f.name}
                className="download"
                href={f.url}
                download={f.name}
                data-testid={f.name === "report.txt" ? "report-txt" : "report-json"}
              >
                {f.name}
              </a>
            ))}
          </div>
          <ScrollArea label={t("tableOf", { name: t("exportsTitle") })}>
            <table data-testid="exports">
              <thead>
                <tr>
                  <th scope="col">{t("table")}</th>
                  <th scope="col" className="num">
                    {t("rows")}
                  </th>
                  <th scope="col">{t("download")}</th>
                </tr>
              </thead>
              <tbody>
                {files.tables.map((f) => (
                  <tr key={f.name}>
                    <th scope="row">{f.name}</th>
                    <td className="num">{f.rows}</td>
                    <td className="row">
                      <a
                        className="download"
                        href={f.csv.url}
                        download={f.csv.name}
                        data-testid={`csv-${f.name}`}
                        aria-label={t("csvOf", { name: f.name })}
                      >
                        CSV
                      </a>
                      <a
                        className="download"
                        href={f.json.url}
                        download={f.json.name}
                        data-testid={`json-${f.name}`}
                        aria-label={t("jsonOf", { name: f.name })}
                      >
                        JSON
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
          {files.books.length > 0 ? (
            <div className="row downloads">
              <span>{t("periodBooks")}:</span>
              {files.books.map((f) => (
                <a key={f.name} className="download" href={f.url} download={f.name}>
                  {f.name}
                </a>
              ))}
            </div>
          ) : null}
        </>
      )}
    </Section>
  );
}
