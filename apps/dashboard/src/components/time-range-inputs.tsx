/** statusStart / statusEnd filters: datetime-local inputs read as UTC (the URL keeps what was typed). */
export function TimeRangeInputs({ start, end }: { start: string | undefined; end: string | undefined }) {
  return (
    <>
      <label>
        Status changed from (UTC)
        <input type="datetime-local" name="statusStart" defaultValue={start ?? ""} step={1} />
      </label>
      <label>
        until (UTC)
        <input type="datetime-local" name="statusEnd" defaultValue={end ?? ""} step={1} />
      </label>
    </>
  );
}
