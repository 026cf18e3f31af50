import { RunMatrixButton } from './RunMatrixButton.tsx';
import { ToolTabs, type ToolId } from './ToolTabs.tsx';

/** The tools' tabs with Run test matrix in their strip (one lazy chunk: not part of the first load). */
export function ToolsPane({ selected, onSelect }: { selected: ToolId; onSelect: (id: ToolId) => void }) {
  return (
    <ToolTabs
      selected={selected}
      onSelect={onSelect}
      actions={<RunMatrixButton onRun={() => onSelect('matrix')} />}
    />
  );
}
